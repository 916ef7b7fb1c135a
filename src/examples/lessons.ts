// Lessons for the core concepts, each a runnable example with the set-up it needs on an empty
// database: documents (create, read, missing documents, references) and authentication
// (credentials → login → token), in FQL v10 and FQL v4.
import type { Example, SetupStep } from './seeds';

export interface Lesson extends Example {
  /** One or two sentences shown in the gallery. */
  summary: string;
  topic: 'Documents' | 'Authentication';
}

const v10Exists = ['constraint_failure'];
const idExists = ['document_id_exists'];

const book: SetupStep[] = [{ lang: 'fql10', source: 'Collection.create({ name: "Book" })', alreadyDone: v10Exists }];
const dune: SetupStep = {
  lang: 'fql10',
  source: 'Book.create({ id: "1", title: "Dune", author: "Frank Herbert", year: 1965 })',
  alreadyDone: idExists,
};
const reader: SetupStep[] = [
  { lang: 'fql10', source: 'Collection.create({ name: "Reader" })', alreadyDone: v10Exists },
  { lang: 'fql10', source: 'Reader.create({ id: "7", name: "Ada", email: "ada@example.com" })', alreadyDone: idExists },
];
const readerPassword: SetupStep = {
  lang: 'fql10',
  source: 'Credential.create({ document: Reader.byId("7"), password: "correct horse" })',
  alreadyDone: v10Exists,
};

const time = String.raw`Time\("[0-9T:.-]+Z"\)`;
const secret = '"fn[A-Za-z0-9_-]{49}"';

export const lessons: Lesson[] = [
  {
    id: 'lesson-documents-create',
    topic: 'Documents',
    title: 'Documents 1: create a document',
    summary: 'A collection holds documents. create() stores one and returns it with the id, coll and ts Fauna adds.',
    page: 'Lesson: documents',
    lang: 'fql10',
    setup: book,
    source: `// Book.create() writes a document and returns it.
Book.create({
  title: "The Left Hand of Darkness",
  author: "Ursula K. Le Guin",
  year: 1969
})
`,
    expectShape: new RegExp(
      String.raw`^\{\n  id: "\d+",\n  coll: Book,\n  ts: ${time},\n  title: "The Left Hand of Darkness",\n  author: "Ursula K\. Le Guin",\n  year: 1969\n\}$`,
    ),
  },
  {
    id: 'lesson-documents-read',
    topic: 'Documents',
    title: 'Documents 2: read a document by id',
    summary: 'byId() gives a reference; ! asserts the document exists and reading a field fetches it.',
    page: 'Lesson: documents',
    lang: 'fql10',
    setup: [...book, dune],
    source: `// byId() returns a reference; ! says "this document exists".
let book = Book.byId("1")!
{
  title: book.title,
  by: book.author,
  published: book.year
}
`,
    expectShape: /^\{\n  title: "Dune",\n  by: "Frank Herbert",\n  published: 1965\n\}$/,
  },
  {
    id: 'lesson-documents-missing',
    topic: 'Documents',
    title: 'Documents 3: a missing document reads as null',
    summary: 'A reference to a missing document is null (with the reason). ?. reads a field only if the document is there; ?? supplies a default.',
    page: 'Lesson: documents',
    lang: 'fql10',
    setup: [...book, dune],
    source: `// There is no book 404: ?. stops at null, ?? gives a default.
let missing = Book.byId("404")
{
  found: missing != null,
  title: missing?.title ?? "no such book",
  dune: Book.byId("1")?.title ?? "no such book"
}
`,
    expectShape: /^\{\n  found: false,\n  title: "no such book",\n  dune: "Dune"\n\}$/,
  },
  {
    id: 'lesson-documents-references',
    topic: 'Documents',
    title: 'Documents 4: documents that point to documents',
    summary: 'A document can hold a reference to another; following it reads the other document.',
    page: 'Lesson: documents',
    lang: 'fql10',
    setup: [...book, dune, ...reader],
    source: `// A loan points to a book and a reader; following a reference reads that document.
let loan = {
  book: Book.byId("1"),
  reader: Reader.byId("7")
}
"#{loan.reader!.name} is reading #{loan.book!.title}"
`,
    expectShape: /^"Ada is reading Dune"$/,
  },
  {
    id: 'lesson-auth-credential',
    topic: 'Authentication',
    title: 'Authentication 1: give a document a password',
    summary: 'Credential.create() stores a password for a document, hashed with argon2id; the password itself is never stored or shown.',
    page: 'Lesson: authentication',
    lang: 'fql10',
    setup: reader,
    source: `// The credential ties a password to a document (the identity).
Credential.create({
  document: Reader.byId("7"),
  password: "correct horse"
})
`,
    expectShape: new RegExp(String.raw`^\{\n  id: "\d+",\n  coll: Credential,\n  ts: ${time},\n  document: Reader\("7"\)\n\}$`),
  },
  {
    id: 'lesson-auth-verify',
    topic: 'Authentication',
    title: 'Authentication 2: check a password',
    summary: 'verify() checks a password against the credential without logging in.',
    page: 'Lesson: authentication',
    lang: 'fql10',
    setup: [...reader, readerPassword],
    source: `// verify() answers true or false and creates nothing.
let credential = Credential.byDocument(Reader.byId("7"))!
{
  right: credential.verify("correct horse"),
  wrong: credential.verify("battery staple")
}
`,
    expectShape: /^\{\n  right: true,\n  wrong: false\n\}$/,
  },
  {
    id: 'lesson-auth-login',
    topic: 'Authentication',
    title: 'Authentication 3: log in to get a token',
    summary: "login() checks the password and creates a token for the document. The token's secret is shown once, in this result only.",
    page: 'Lesson: authentication',
    lang: 'fql10',
    setup: [...reader, readerPassword],
    source: `// A successful login returns a new token with its secret.
Credential.byDocument(Reader.byId("7"))!.login("correct horse")
`,
    expectShape: new RegExp(
      String.raw`^\{\n  id: "\d+",\n  coll: Token,\n  ts: ${time},\n  document: Reader\("7"\),\n  secret: ${secret}\n\}$`,
    ),
  },
  {
    id: 'lesson-auth-wrong-password',
    topic: 'Authentication',
    title: 'Authentication 4: a wrong password',
    summary: 'A failed login is an error, and no token is created.',
    page: 'Lesson: authentication',
    lang: 'fql10',
    setup: [...reader, readerPassword],
    source: `// The wrong password: the query fails and writes nothing.
Credential.byDocument(Reader.byId("7"))!.login("battery staple")
`,
    expectShape: /^error: /,
  },
  {
    id: 'lesson-auth-token',
    topic: 'Authentication',
    title: 'Authentication 5: a token that expires',
    summary: 'Token.create() makes a token for a document without a password; ttl sets when it stops working.',
    page: 'Lesson: authentication',
    lang: 'fql10',
    setup: reader,
    source: `// A token for Ada, valid until the ttl (the Explorer counts it down).
Token.create({
  document: Reader.byId("7"),
  ttl: Time("2099-12-31T23:59:59Z")
})
`,
    expectShape: new RegExp(
      String.raw`^\{\n  id: "\d+",\n  coll: Token,\n  ts: ${time},\n  ttl: Time\("2099-12-31T23:59:59(\.000)?Z"\),\n  document: Reader\("7"\),\n  secret: ${secret}\n\}$`,
    ),
  },
  {
    id: 'lesson-v4-documents',
    topic: 'Documents',
    title: 'Documents in v4: Create, then Get',
    summary: 'In FQL v4, Create() writes a document under a Ref and Get() reads it; Select() picks a field.',
    page: 'Lesson: documents (v4)',
    lang: 'fql4',
    setup: [
      { lang: 'fql4', source: 'CreateCollection({ name: "books" })', alreadyDone: ['instance already exists'] },
      {
        lang: 'fql4',
        source: 'Create(Ref(Collection("books"), "1"), { data: { title: "Dune", year: 1965 } })',
        alreadyDone: ['instance already exists'],
      },
    ],
    source: `// Let binds the document; Select reads a path inside it.
Let(
  { book: Get(Ref(Collection("books"), "1")) },
  {
    title: Select(["data", "title"], Var("book")),
    ref: Select(["ref"], Var("book"))
  }
)
`,
    expectShape: /^\{ title: 'Dune', ref: Ref\(Collection\("books"\), "1"\) \}$/,
  },
  {
    id: 'lesson-v4-exists',
    topic: 'Documents',
    title: 'Documents in v4: Exists and If',
    summary: 'Get() of a missing document is an error; Exists() asks first.',
    page: 'Lesson: documents (v4)',
    lang: 'fql4',
    setup: [{ lang: 'fql4', source: 'CreateCollection({ name: "books" })', alreadyDone: ['instance already exists'] }],
    source: `If(
  Exists(Ref(Collection("books"), "404")),
  "found it",
  "no such book"
)
`,
    expectShape: /^'no such book'$/,
  },
];
