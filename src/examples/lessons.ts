// Lessons for the core concepts, each a runnable example with the set-up it needs on an empty
// database: documents (create, read, missing documents, references), authentication
// (credentials → login → token), sets and pagination, indexes (terms, values, covered reads,
// ranges, unique constraints) and roles (membership, privileges with predicates, running as a
// token), in FQL v10 and FQL v4. Each topic works on its own collections, so running one
// topic's lessons never changes what another topic's lessons print.
import type { Example, SetupStep } from './seeds';

export interface Lesson extends Example {
  /** One or two sentences shown in the gallery. */
  summary: string;
  topic: 'Documents' | 'Authentication' | 'Sets' | 'Indexes' | 'Roles';
  /**
   * `log()` or performance-hint output the lesson points at (matched against the run's logs,
   * joined with newlines).
   */
  expectLogs?: RegExp;
  /**
   * The lesson is meant to be run as the token that lesson `tokenFrom`'s result shows ("Run as
   * this token"); `expectShape` is then what that run prints. The top-level `expectShape` stays
   * what Run prints as admin (set-up steps always run as admin).
   */
  runAs?: { tokenFrom: string; expectShape: RegExp };
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

/** `text` as a regular expression that matches it literally. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An array of numbers as the v10 result prints it, indented by `indent` spaces. */
function printedNumbers(numbers: number[], indent: number): string {
  const pad = ' '.repeat(indent);
  return `[\n${numbers.map((n) => `${pad}  ${n}`).join(',\n')}\n${pad}]`;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** A cursor as Fauna prints it in `after`: an opaque string. */
const cursor = '"[A-Za-z0-9_-]+"';

// ---- Sets: 40 tickets, every third one sold ----------------------------------------------------

const tickets: SetupStep[] = [
  { lang: 'fql10', source: 'Collection.create({ name: "Ticket" })', alreadyDone: v10Exists },
  {
    lang: 'fql10',
    source: `// Tickets 1 to 40; every third one is sold.
Set.sequence(1, 41).forEach(n =>
  Ticket.create({ id: n.toString(), number: n, sold: n % 3 == 0 })
)`,
    alreadyDone: idExists,
  },
];

// ---- Indexes: five films and an index on the director ------------------------------------------

const films: SetupStep[] = [
  { lang: 'fql10', source: 'Collection.create({ name: "Film" })', alreadyDone: v10Exists },
  {
    lang: 'fql10',
    source: `[
  Film.create({ id: "1", title: "The Martian", director: "Ridley Scott", year: 2015, minutes: 144 }),
  Film.create({ id: "2", title: "Alien", director: "Ridley Scott", year: 1979, minutes: 117 }),
  Film.create({ id: "3", title: "Arrival", director: "Denis Villeneuve", year: 2016, minutes: 116 }),
  Film.create({ id: "4", title: "Blade Runner", director: "Ridley Scott", year: 1982, minutes: 117 }),
  Film.create({ id: "5", title: "Dune", director: "Denis Villeneuve", year: 2021, minutes: 155 })
]`,
    alreadyDone: idExists,
  },
];

const byDirectorDefinition = `Film.definition.update({
  indexes: {
    byDirector: {
      terms: [{ field: ".director" }],
      values: [{ field: ".year" }, { field: ".title" }]
    }
  }
})`;

// Running it again changes nothing, so it needs no "already done" codes.
const byDirector: SetupStep = { lang: 'fql10', source: byDirectorDefinition, alreadyDone: [] };

const uniqueTitle: SetupStep = {
  lang: 'fql10',
  source: 'Film.definition.update({ constraints: [{ unique: [{ field: ".title" }] }] })',
  alreadyDone: [],
};

const byDirectorPrinted = literal(`  indexes: {
    byDirector: {
      terms: [
        {
          field: ".director",
          mva: false
        }
      ],
      values: [
        {
          field: ".year",
          order: "asc",
          mva: false
        },
        {
          field: ".title",
          order: "asc",
          mva: false
        }
      ],
      queryable: true,
      status: "complete"
    }
  },`);

// ---- Roles: articles, some published, and a member -------------------------------------------

const articles: SetupStep[] = [
  { lang: 'fql10', source: 'Collection.create({ name: "Article" })', alreadyDone: v10Exists },
  { lang: 'fql10', source: 'Collection.create({ name: "Member" })', alreadyDone: v10Exists },
  {
    lang: 'fql10',
    source: `[
  Article.create({ id: "1", title: "Hello, world", published: true }),
  Article.create({ id: "2", title: "Draft: indexes", published: false }),
  Article.create({ id: "3", title: "Sets are lazy", published: true }),
  Member.create({ id: "1", name: "Ada" })
]`,
    alreadyDone: idExists,
  },
];

const memberRoleDefinition = `Role.create({
  name: "member",
  // Who has the role: every token whose document is in Member.
  membership: [{ resource: "Member" }],
  // What the role may do. A predicate decides document by document.
  privileges: [
    {
      resource: "Article",
      actions: { read: "(article) => article.published == true" }
    },
    {
      resource: "Member",
      actions: { read: "(member) => member == Query.identity()" }
    }
  ]
})`;

const memberRole: SetupStep = { lang: 'fql10', source: memberRoleDefinition, alreadyDone: v10Exists };

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
  {
    id: 'lesson-sets-pages',
    topic: 'Sets',
    title: 'Sets 1: a set comes back one page at a time',
    summary: 'Ticket.all() is the Set of all 40 tickets. A Set is returned as its first page: 16 elements and an after cursor that points at the rest.',
    page: 'Lesson: sets and pagination',
    lang: 'fql10',
    setup: tickets,
    source: `// There are 40 tickets, but a Set is returned one page at a time:
// the first 16 elements, and an \`after\` cursor for the next page.
Ticket.all().map(.number)
`,
    expectShape: new RegExp(`^\\{\\n  data: ${literal(printedNumbers(range(1, 16), 2))},\\n  after: ${cursor}\\n\\}$`),
  },
  {
    id: 'lesson-sets-lazy',
    topic: 'Sets',
    title: 'Sets 2: sets are lazy',
    summary: 'Set methods describe a new Set without reading it. Documents are read only when the result needs them: take(3) reads three tickets, not forty (see read_ops in the stats).',
    page: 'Lesson: sets and pagination',
    lang: 'fql10',
    setup: tickets,
    source: `// take(3) only needs the first three tickets, so only those are read:
// compare read_ops in the stats with the 40 tickets there are.
Ticket.all().take(3).map(.number)
`,
    expectShape: new RegExp(`^\\{\\n  data: ${literal(printedNumbers([1, 2, 3], 2))}\\n\\}$`),
  },
  {
    id: 'lesson-sets-methods',
    topic: 'Sets',
    title: 'Sets 3: where, order, take and map',
    summary: 'Chained Set methods filter, sort, cut and transform: here, the three highest-numbered sold tickets.',
    page: 'Lesson: sets and pagination',
    lang: 'fql10',
    setup: tickets,
    source: `// Each method returns a new Set built on the one before it.
Ticket.all()
  .where(.sold)              // only sold tickets
  .order(desc(.number))      // highest number first
  .take(3)                   // the first three of those
  .map(ticket => "ticket #{ticket.number}")
`,
    expectShape: /^\{\n  data: \[\n    "ticket 39",\n    "ticket 36",\n    "ticket 33"\n  \]\n\}$/,
  },
  {
    id: 'lesson-sets-page-size',
    topic: 'Sets',
    title: 'Sets 4: choose the page size',
    summary: 'pageSize(n) sets how many elements each page holds (1 to 16,000). The result is still a Set, with an after cursor while more elements follow.',
    page: 'Lesson: sets and pagination',
    lang: 'fql10',
    setup: tickets,
    source: `// Pages of five instead of sixteen.
Ticket.all().map(.number).pageSize(5)
`,
    expectShape: new RegExp(`^\\{\\n  data: ${literal(printedNumbers(range(1, 5), 2))},\\n  after: ${cursor}\\n\\}$`),
  },
  {
    id: 'lesson-sets-paginate',
    topic: 'Sets',
    title: 'Sets 5: the next page, with the after cursor',
    summary: 'paginate(n) gives the first page as an object: data and an after cursor. Set.paginate(cursor) returns the next page, in the same query or in a later one.',
    page: 'Lesson: sets and pagination',
    lang: 'fql10',
    setup: tickets,
    source: `// paginate(5) gives the first page as an object: { data, after }.
let first = Ticket.all().map(.number).paginate(5)
// Set.paginate() takes the cursor and returns the next page, also of five.
let second = Set.paginate(first.after!)
{
  first: first.data,
  second: second.data,
  more: second.after != null
}
`,
    expectShape: new RegExp(
      `^\\{\\n  first: ${literal(printedNumbers(range(1, 5), 2))},\\n  second: ${literal(printedNumbers(range(6, 10), 2))},\\n  more: true\\n\\}$`,
    ),
  },
  {
    id: 'lesson-sets-scan',
    topic: 'Sets',
    title: 'Sets 6: a collection scan and its hint',
    summary: 'where() on a collection reads every document to test it. Fauna flags it with a collection_scan performance hint (shown under the result); Cost lists the reads. The Indexes lessons show the way out.',
    page: 'Lesson: sets and pagination',
    lang: 'fql10',
    setup: tickets,
    source: `// To count the sold tickets, where() has to read all 40 of them.
// See the performance hint under the result, and open Cost for the reads.
Ticket.where(.sold).count()
`,
    expectShape: /^13$/,
    expectLogs: /^performance_hint: collection_scan - Using where\(\) on collection Ticket can cause a read of every document\. See https:\/\/docs\.fauna\.com\/performance_hint\/collection_scan\./m,
  },
  {
    id: 'lesson-indexes-define',
    topic: 'Indexes',
    title: 'Indexes 1: define an index',
    summary: "An index is part of its collection's definition: terms are the fields you look documents up by, values the fields each entry keeps, in sort order. definition.update() adds one; Collection.create() takes the same indexes field.",
    page: 'Lesson: indexes',
    lang: 'fql10',
    setup: films,
    source: `// Look films up by director; keep each film's year and title, sorted by year.
${byDirectorDefinition}
`,
    expectShape: new RegExp(`^\\{\\n  name: "Film",\\n  coll: Collection,\\n  ts: ${time},\\n  history_days: 0,\\n${byDirectorPrinted}\\n[\\s\\S]*\\}$`),
  },
  {
    id: 'lesson-indexes-call',
    topic: 'Indexes',
    title: 'Indexes 2: look documents up with an index',
    summary:
      'Each index becomes a method of its collection. Pass the terms and get a Set of the matching documents, sorted by the index values (here by year, not by id). Returning whole documents reads each one: Fauna says so with a non_covered_document_read hint, and the next lesson reads only what the index covers.',
    page: 'Lesson: indexes',
    lang: 'fql10',
    setup: [...films, byDirector],
    expectLogs: /^performance_hint: non_covered_document_read - Full documents returned from Film\.byDirector\. See https:\/\/docs\.fauna\.com\/performance_hint\/non_covered_document_read\./m,
    source: `// The films of one director, oldest first: the index sorts by its values.
Film.byDirector("Ridley Scott")
`,
    expectShape: new RegExp(
      `^\\{\\n  data: \\[\\n${[
        ['2', 'Alien', 1979, 117],
        ['4', 'Blade Runner', 1982, 117],
        ['1', 'The Martian', 2015, 144],
      ]
        .map(
          ([id, title, year, minutes]) =>
            `    \\{\\n      id: "${id}",\\n      coll: Film,\\n      ts: ${time},\\n      title: "${literal(String(title))}",\\n      director: "Ridley Scott",\\n      year: ${year},\\n      minutes: ${minutes}\\n    \\}`,
        )
        .join(',\\n')}\\n  \\]\\n\\}$`,
    ),
  },
  {
    id: 'lesson-indexes-covered',
    topic: 'Indexes',
    title: 'Indexes 3: covered values cost one read',
    summary: "Fields in the index's terms or values are stored in the index itself, so reading only those is answered from the index: one read op for the page, however many films match.",
    page: 'Lesson: indexes',
    lang: 'fql10',
    setup: [...films, byDirector],
    source: `// title and year are the index's values: no film document is read.
// read_ops in the stats is 1 (the index page).
Film.byDirector("Ridley Scott").map(film => {
  title: film.title,
  year: film.year
})
`,
    expectShape:
      /^\{\n  data: \[\n    \{\n      title: "Alien",\n      year: 1979\n    \},\n    \{\n      title: "Blade Runner",\n      year: 1982\n    \},\n    \{\n      title: "The Martian",\n      year: 2015\n    \}\n  \]\n\}$/,
  },
  {
    id: 'lesson-indexes-not-covered',
    topic: 'Indexes',
    title: 'Indexes 4: a field the index does not cover',
    summary: 'minutes is not in the index, so each matching film is read from the collection. Fauna says so with a non_covered_document_read hint, and read_ops grows by one per film.',
    page: 'Lesson: indexes',
    lang: 'fql10',
    setup: [...films, byDirector],
    source: `// minutes is not one of the index's values: every film is read to get it.
// See the performance hint under the result and compare read_ops with Indexes 3.
Film.byDirector("Ridley Scott").map(film => {
  title: film.title,
  minutes: film.minutes
})
`,
    expectShape:
      /^\{\n  data: \[\n    \{\n      title: "Alien",\n      minutes: 117\n    \},\n    \{\n      title: "Blade Runner",\n      minutes: 117\n    \},\n    \{\n      title: "The Martian",\n      minutes: 144\n    \}\n  \]\n\}$/,
    expectLogs: /^performance_hint: non_covered_document_read - \.minutes is not covered by the Film\.byDirector index\. See https:\/\/docs\.fauna\.com\/performance_hint\/non_covered_document_read\./m,
  },
  {
    id: 'lesson-indexes-range',
    topic: 'Indexes',
    title: 'Indexes 5: a range over the values',
    summary: "After the terms, an index method takes a range over its values: { from, to }, both ends included. Here, Ridley Scott's films from 1980 to 2015.",
    page: 'Lesson: indexes',
    lang: 'fql10',
    setup: [...films, byDirector],
    source: `// The range compares with the first value, year; from and to are inclusive.
Film.byDirector("Ridley Scott", { from: 1980, to: 2015 }).map(.title)
`,
    expectShape: /^\{\n  data: \[\n    "Blade Runner",\n    "The Martian"\n  \]\n\}$/,
  },
  {
    id: 'lesson-indexes-unique',
    topic: 'Indexes',
    title: 'Indexes 6: a unique constraint',
    summary: 'A unique constraint makes Fauna refuse a document whose field repeats another document\'s. Adding one checks the documents already there; its status is then "active".',
    page: 'Lesson: indexes',
    lang: 'fql10',
    setup: films,
    source: `// No two films may have the same title.
Film.definition.update({
  constraints: [{ unique: [{ field: ".title" }] }]
})
`,
    expectShape: /^\{\n  name: "Film",[\s\S]*\n  constraints: \[\n    \{\n      unique: \[\n        \{\n          field: "\.title",\n          mva: false\n        \}\n      \],\n      status: "active"\n    \}\n  \]\n\}$/,
  },
  {
    id: 'lesson-indexes-duplicate',
    topic: 'Indexes',
    title: 'Indexes 7: a duplicate is refused',
    summary: 'With the constraint in place, creating a second "Alien" fails with constraint_failure, and the query writes nothing.',
    page: 'Lesson: indexes',
    lang: 'fql10',
    setup: [...films, uniqueTitle],
    source: `// There is already a film titled "Alien": the whole query fails.
Film.create({
  title: "Alien",
  director: "Someone Else",
  year: 2024,
  minutes: 90
})
`,
    expectShape: /^error: Failed unique constraint\.\nconstraint failures:\n  title: Failed unique constraint\n/,
  },
  {
    id: 'lesson-roles-create',
    topic: 'Roles',
    title: 'Roles 1: a role with a predicate',
    summary: 'A role says who has it (membership) and what they may do (privileges). Here members may read published articles only, and their own Member document.',
    page: 'Lesson: roles',
    lang: 'fql10',
    setup: articles,
    source: `// Role.create() needs the admin key (Run runs as admin unless you choose otherwise).
// Role names are unique: running this a second time fails with constraint_failure.
${memberRoleDefinition}
`,
    expectShape: new RegExp(
      String.raw`^\{\n  name: "member",\n  coll: Role,\n  ts: ${time},\n  membership: \[\n    \{\n      resource: "Member"\n    \}\n  \],\n  privileges: \[\n    \{\n      resource: "Article",\n      actions: \{\n        read: "\(article\) => article\.published == true"\n      \}\n    \},\n    \{\n      resource: "Member",\n      actions: \{\n        read: "\(member\) => member == Query\.identity\(\)"\n      \}\n    \}\n  \]\n\}$`,
    ),
  },
  {
    id: 'lesson-roles-token',
    topic: 'Roles',
    title: "Roles 2: a token for a member",
    summary: 'A token for Ada, a Member document, has the member role. Click "Run as this token" under the result: from then on Run runs as Ada.',
    page: 'Lesson: roles',
    lang: 'fql10',
    setup: [...articles, memberRole],
    source: `// A token for Ada. Its secret is shown once, in this result.
// Then click "Run as this token" under the result.
Token.create({ document: Member.byId("1") })
`,
    expectShape: new RegExp(
      String.raw`^\{\n  id: "\d+",\n  coll: Token,\n  ts: ${time},\n  document: Member\("1"\),\n  secret: ${secret}\n\}$`,
    ),
  },
  {
    id: 'lesson-roles-read',
    topic: 'Roles',
    title: "Roles 3: what Ada may read",
    summary: "Run as Ada's token (Roles 2), then as admin, and compare: Ada sees only published articles, the draft reads as null, and Query.identity() is her document. The admin key has no identity.",
    page: 'Lesson: roles',
    lang: 'fql10',
    setup: [...articles, memberRole],
    source: `// Run this as Ada's token (see Roles 2), then as admin.
{
  me: Query.identity()?.name,
  articles: Article.all().map(.title).toArray(),
  draft: Article.byId("2")?.title
}
`,
    expectShape:
      /^\{\n  me: null,\n  articles: \[\n    "Hello, world",\n    "Draft: indexes",\n    "Sets are lazy"\n  \],\n  draft: "Draft: indexes"\n\}$/,
    runAs: {
      tokenFrom: 'lesson-roles-token',
      expectShape: /^\{\n  me: "Ada",\n  articles: \[\n    "Hello, world",\n    "Sets are lazy"\n  \],\n  draft: null\n\}$/,
    },
  },
  {
    id: 'lesson-roles-denied',
    topic: 'Roles',
    title: 'Roles 4: a write the role does not grant',
    summary: 'The member role grants no write on Article: as Ada the update fails with permission_denied and changes nothing. Go back with "as … → Back to admin".',
    page: 'Lesson: roles',
    lang: 'fql10',
    setup: [...articles, memberRole],
    source: `// Still as Ada: she may read article 1 but not change it.
Article.byId("1")!.update({ featured: true })
`,
    expectShape: new RegExp(
      String.raw`^\{\n  id: "1",\n  coll: Article,\n  ts: ${time},\n  title: "Hello, world",\n  published: true,\n  featured: true\n\}$`,
    ),
    runAs: {
      tokenFrom: 'lesson-roles-token',
      expectShape: /^error: Insufficient privileges to perform the action\.\n/,
    },
  },
];
