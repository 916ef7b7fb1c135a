// Every example of the five seed pages (shared/seeds), each with the set-up that makes it run on
// an empty database. Set-up steps may already have run (the user ran the example before), so each
// lists the error codes that just mean "already there".
import type { Lang } from '../engine/api';

export interface SetupStep {
  lang: Lang;
  source: string;
  /** Error codes that mean the step's effect is already in place. */
  alreadyDone: string[];
}

export interface Example {
  id: string;
  title: string;
  /** The Fauna doc page the example comes from. */
  page: string;
  lang: Lang;
  setup: SetupStep[];
  source: string;
  /** Lines of the page's printed result that a run must reproduce (ids, times, secrets aside). */
  expectShape: RegExp;
}

const characters: SetupStep[] = [
  { lang: 'fql4', source: 'CreateCollection({ name: "characters" })', alreadyDone: ['instance already exists'] },
];

const characterWithPassword: SetupStep = {
  lang: 'fql4',
  source: `Create(
  Ref(Collection("characters"), "181388642114077184"),
  { data: { name: "Harry" }, credentials: { password: "abracadabra" } },
)`,
  alreadyDone: ['instance already exists'],
};

const characterWithoutPassword: SetupStep = {
  lang: 'fql4',
  source: `Create(
  Ref(Collection("characters"), "181388642114077184"),
  { data: { name: "Harry" } },
)`,
  alreadyDone: ['instance already exists'],
};

const customer: SetupStep[] = [
  { lang: 'fql10', source: 'Collection.create({ name: "Customer" })', alreadyDone: ['constraint_failure'] },
];

const customer999: SetupStep = {
  lang: 'fql10',
  source: `Customer.create({
  id: "999",
  name: "John Doe",
  email: "john.doe@example.com",
  address: {
    street: "123 Main St",
    city: "San Francisco",
    state: "CA",
    postalCode: "12345",
    country: "United States"
  }
})`,
  alreadyDone: ['document_id_exists'],
};

const v4TokenShape =
  /^\{\n  ref: Ref\(Tokens\(\), "\d+"\),\n  ts: \d{16},\n  instance: Ref\(Collection\("characters"\), "181388642114077184"\),\n  secret: 'fn[A-Za-z0-9_-]{49}'\n\}$/;

export const examples: Example[] = [
  {
    id: 'v4-login',
    title: 'v4: Login(ref, { password }) creates a token',
    page: 'Create a token (v4 cookbook)',
    lang: 'fql4',
    setup: [...characters, characterWithPassword],
    source: `Login(
  Ref(Collection("characters"), "181388642114077184"),
  { password: "abracadabra" },
)`,
    expectShape: v4TokenShape,
  },
  {
    id: 'v4-create-token',
    title: 'v4: Create(Tokens(), { instance }) without credentials',
    page: 'Create a token (v4 cookbook)',
    lang: 'fql4',
    setup: [...characters, characterWithoutPassword],
    source: `Create(
  Tokens(),
  {
    instance: Ref(Collection('characters'), '181388642114077184')
  }
)`,
    expectShape: v4TokenShape,
  },
  {
    id: 'v4-login-reference',
    title: 'v4: Login reference example',
    page: 'Login (v4 reference)',
    lang: 'fql4',
    setup: [...characters, characterWithPassword],
    source: `Login(
  Ref(Collection('characters'), '181388642114077184'),
  { password: 'abracadabra' },
)`,
    expectShape: v4TokenShape,
  },
  {
    id: 'v10-token-create',
    title: 'v10: Token.create({ document })',
    page: 'Token.create()',
    lang: 'fql10',
    setup: [
      { lang: 'fql10', source: 'Collection.create({ name: "People" })', alreadyDone: ['constraint_failure'] },
      {
        lang: 'fql10',
        source: 'People.create({ id: "372696914650464289", name: "Alice" })',
        alreadyDone: ['document_id_exists'],
      },
    ],
    source: `Token.create({
  document: People.byId("372696914650464289")
})`,
    expectShape:
      /^\{\n  id: "\d+",\n  coll: Token,\n  ts: Time\("[0-9T:.-]+Z"\),\n  document: People\("372696914650464289"\),\n  secret: "fn[A-Za-z0-9_-]{49}"\n\}$/,
  },
  {
    id: 'v10-customer-create',
    title: 'v10: 1. Create a user (Customer.create)',
    page: 'credential.login()',
    lang: 'fql10',
    setup: customer,
    source: `Customer.create({
  name: "John Doe",
  email: "john.doe@example.com",
  address: {
    street: "123 Main St",
    city: "San Francisco",
    state: "CA",
    postalCode: "12345",
    country: "United States"
  }
})`,
    expectShape:
      /^\{\n  id: "\d+",\n  coll: Customer,\n  ts: Time\("[0-9T:.-]+Z"\),\n  name: "John Doe",\n  email: "john.doe@example.com",\n  address: \{\n    street: "123 Main St",\n    city: "San Francisco",\n    state: "CA",\n    postalCode: "12345",\n    country: "United States"\n  \}\n\}$/,
  },
  {
    id: 'v10-credential-create',
    title: 'v10: 2. Create a user credential (Credential.create)',
    page: 'credential.login()',
    lang: 'fql10',
    setup: [...customer, customer999],
    source: `Credential.create({
  document: Customer.byId("999"),
  password: "sekret"
})`,
    expectShape:
      /^\{\n  id: "\d+",\n  coll: Credential,\n  ts: Time\("[0-9T:.-]+Z"\),\n  document: Customer\("999"\)\n\}$/,
  },
  {
    id: 'v10-credential-login',
    title: 'v10: 3. Log in with a password (credential.login)',
    page: 'credential.login()',
    lang: 'fql10',
    setup: [
      ...customer,
      customer999,
      {
        lang: 'fql10',
        source: 'Credential.create({ document: Customer.byId("999"), password: "sekret" })',
        alreadyDone: ['constraint_failure'],
      },
    ],
    source: `let document = Customer.byId("999")
Credential.byDocument(document)?.login("sekret")`,
    expectShape:
      /^\{\n  id: "\d+",\n  coll: Token,\n  ts: Time\("[0-9T:.-]+Z"\),\n  document: Customer\("999"\),\n  secret: "fn[A-Za-z0-9_-]{49}"\n\}$/,
  },
];
