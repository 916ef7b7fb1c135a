// The unmodified `fauna` v10 driver against the Node host (h2c, its default on Node): every v10
// seed example with its set-up, decoding of each tagged type the engine produces today into the
// driver's classes, arguments and template values round-tripping, one error per exception class
// reachable today, and the request options the driver sends as headers.
import {
  AbortError,
  AuthenticationError,
  Client,
  ConstraintFailureError,
  DateStub,
  Document,
  DocumentReference,
  InvalidRequestError,
  Module,
  NamedDocument,
  NullDocument,
  Page,
  QueryCheckError,
  QueryRuntimeError,
  ServiceError,
  TimeStub,
  fql,
} from 'fauna';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { examples } from '../../src/examples/seeds';
import type { RunningServer } from '../../src/server/server';
import { fqlText, startTestServer, v10Client } from './helpers';

let server: RunningServer;
let client: Client;

beforeAll(async () => {
  server = await startTestServer();
  client = v10Client(server);
}, 60_000);

afterAll(async () => {
  client.close();
  await server.close();
}, 60_000);

/** Runs set-up steps as a user would; an "already there" error is fine. */
async function setUp(steps: Array<{ lang: string; source: string; alreadyDone: string[] }>): Promise<void> {
  for (const step of steps) {
    expect(step.lang).toBe('fql10');
    try {
      await client.query(fqlText(step.source));
    } catch (e) {
      if (!(e instanceof ServiceError) || !step.alreadyDone.includes(e.code)) throw e;
    }
  }
}

const SECRET = /^fn[A-Za-z0-9_-]{49}$/;

describe('v10 seed examples through the driver', { timeout: 60_000 }, () => {
  const v10 = examples.filter((e) => e.lang === 'fql10');

  beforeEach(async () => {
    await server.engine.reset();
  }, 60_000);

  it('covers every v10 seed', () => {
    expect(v10.map((e) => e.id)).toEqual(['v10-token-create', 'v10-customer-create', 'v10-credential-create', 'v10-credential-login']);
  });

  for (const example of v10) {
    it(`${example.id}: decodes into driver classes and prints the seed's shape (decorated)`, async () => {
      await setUp(example.setup);
      const tagged = await client.query<Document>(fqlText(example.source));
      const doc = tagged.data;
      expect(doc).toBeInstanceOf(Document);
      expect(doc.ts).toBeInstanceOf(TimeStub);
      expect(doc.coll).toBeInstanceOf(Module);
      expect(doc.id).toMatch(/^\d+$/);
      expect(tagged.summary).toBe('');
      expect(tagged.stats?.write_ops).toBeGreaterThanOrEqual(1);
      switch (example.id) {
        case 'v10-token-create':
        case 'v10-credential-login': {
          expect(doc.coll.name).toBe('Token');
          const target = (doc as unknown as { document: DocumentReference }).document;
          expect(target).toBeInstanceOf(DocumentReference);
          expect(target.coll.name).toBe(example.id === 'v10-token-create' ? 'People' : 'Customer');
          expect(target.id).toBe(example.id === 'v10-token-create' ? '372696914650464289' : '999');
          expect((doc as unknown as { secret: string }).secret).toMatch(SECRET);
          break;
        }
        case 'v10-customer-create':
          expect(doc.coll.name).toBe('Customer');
          expect({ ...doc }).toMatchObject({
            name: 'John Doe',
            email: 'john.doe@example.com',
            address: { street: '123 Main St', city: 'San Francisco', state: 'CA', postalCode: '12345', country: 'United States' },
          });
          break;
        case 'v10-credential-create': {
          expect(doc.coll.name).toBe('Credential');
          const target = (doc as unknown as { document: DocumentReference }).document;
          expect(target).toBeInstanceOf(DocumentReference);
          expect([target.coll.name, target.id]).toEqual(['Customer', '999']);
          expect(doc).not.toHaveProperty('password');
          break;
        }
      }
      // The same example again, printed as fauna-shell prints it: the page's shape.
      if (example.id === 'v10-customer-create' || example.id === 'v10-token-create') {
        const decorated = await client.query<string>(fqlText(example.source), { format: 'decorated' });
        expect(decorated.data).toMatch(example.expectShape);
      }
    });
  }

  it('runs each example again on a store where its set-up already ran', async () => {
    for (const example of v10) {
      await setUp(example.setup);
      await setUp(example.setup); // second time: every step reports "already there"
      const r = await client.query<Document>(fqlText(example.source), { format: 'decorated' });
      expect(r.data).toMatch(example.expectShape);
    }
  });
});

describe('tagged values the engine produces, decoded by the driver', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    await server.engine.reset();
    await client.query(fql`Collection.create({ name: "Customer" })`);
    await client.query(fql`Customer.create({ id: "999", name: "John Doe" })`);
  }, 60_000);

  it('Int, Long and Double become numbers; strings, booleans, null, arrays and objects stay', async () => {
    const r = await client.query(fql`[1, 1099511627776, 1.5, 3.0, "s", true, null, { a: [1] }]`);
    expect(r.data).toEqual([1, 1099511627776, 1.5, 3, 's', true, null, { a: [1] }]);
  });

  it('a Long decodes to a bigint with long_type "bigint"', async () => {
    const c = v10Client(server, 'secret', { long_type: 'bigint' });
    try {
      expect((await c.query(fql`9007199254740993`)).data).toBe(9007199254740993n);
    } finally {
      c.close();
    }
  });

  it('an object with an `@` key comes back escaped and decodes to the same object', async () => {
    const r = await client.query(fql`{ "@x": 1, y: "z" }`);
    expect(r.data).toEqual({ '@x': 1, y: 'z' });
  });

  it('Time becomes TimeStub, printed like Java Instant.toString', async () => {
    const r = await client.query<TimeStub[]>(fql`[Time("2023-01-01T00:00:00Z"), Time("2023-01-01T00:00:00.123456Z")]`);
    expect(r.data[0]).toBeInstanceOf(TimeStub);
    expect(r.data.map((t) => t.isoString)).toEqual(['2023-01-01T00:00:00Z', '2023-01-01T00:00:00.123456Z']);
  });

  it('a user document becomes Document, a collection NamedDocument, a module Module', async () => {
    const doc = (await client.query<Document>(fql`Customer.byId("999")`)).data;
    expect(doc).toBeInstanceOf(Document);
    expect([doc.coll.name, doc.id, (doc as unknown as { name: string }).name]).toEqual(['Customer', '999', 'John Doe']);
    const created = (await client.query<NamedDocument>(fql`Collection.create({ name: "Other" })`)).data;
    expect(created).toBeInstanceOf(NamedDocument);
    expect([created.coll.name, created.name]).toEqual(['Collection', 'Other']);
    expect(created.ts).toBeInstanceOf(TimeStub);
    const mod = (await client.query<Module>(fql`Customer`)).data;
    expect(mod).toBeInstanceOf(Module);
    expect(mod.name).toBe('Customer');
  });

  it('a missing document becomes NullDocument with its cause', async () => {
    const r = (await client.query<NullDocument>(fql`Customer.byId("404")`)).data;
    expect(r).toBeInstanceOf(NullDocument);
    expect(r.cause).toBe('not found');
    expect(r.ref).toBeInstanceOf(DocumentReference);
    expect([r.ref.coll.name, (r.ref as DocumentReference).id]).toEqual(['Customer', '404']);
  });

  it('a reference inside a document stays a DocumentReference', async () => {
    const cred = (await client.query<Document>(fql`Credential.create({ document: Customer.byId("999"), password: "pw" })`)).data;
    const target = (cred as unknown as { document: DocumentReference }).document;
    expect(target).toBeInstanceOf(DocumentReference);
    expect(target.id).toBe('999');
  });

  it('answers in the simple and decorated formats when asked', async () => {
    const simple = await client.query(fql`Customer.byId("999")`, { format: 'simple' });
    expect(simple.data).toMatchObject({ id: '999', coll: 'Customer', name: 'John Doe' });
    expect(typeof (simple.data as { ts: unknown }).ts).toBe('string');
    const decorated = await client.query(fql`{ a: 1, b: [true] }`, { format: 'decorated' });
    expect(decorated.data).toBe('{\n  a: 1,\n  b: [\n    true\n  ]\n}');
  });
});

describe('arguments and template values round-trip', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    await server.engine.reset();
    await client.query(fql`Collection.create({ name: "Customer" })`);
    await client.query(fql`Customer.create({ id: "999", name: "John Doe" })`);
  }, 60_000);

  const echo = async <T,>(x: unknown): Promise<T> => (await client.query(fql`${x as string}`)).data as T;

  it('ints, longs, doubles, strings, booleans and null', async () => {
    expect(await echo(17)).toBe(17);
    expect(await echo(-2147483648)).toBe(-2147483648);
    expect(await echo(2 ** 40)).toBe(2 ** 40);
    expect(await echo(1.5)).toBe(1.5);
    expect(await echo('héllo "x"\n')).toBe('héllo "x"\n');
    expect(await echo(true)).toBe(true);
    expect(await echo(null)).toBe(null);
  });

  it('bigints as Longs', async () => {
    const c = v10Client(server, 'secret', { long_type: 'bigint' });
    try {
      expect((await c.query(fql`${9007199254740993n}`)).data).toBe(9007199254740993n);
    } finally {
      c.close();
    }
  });

  it('objects (with `@` keys), arrays and nested queries', async () => {
    expect(await echo({ a: 1, '@b': 'x', c: { d: [1, 2] } })).toEqual({ a: 1, '@b': 'x', c: { d: [1, 2] } });
    expect(await echo([1, 'a', null, [2.5]])).toEqual([1, 'a', null, [2.5]]);
    const inner = fql`1 + 1`;
    expect((await client.query(fql`[${inner}, ${{ x: inner }}]`)).data).toEqual([2, { x: 2 }]);
  });

  it('TimeStub, DateStub and JS Dates', async () => {
    const t = await echo<TimeStub>(TimeStub.from('2023-05-06T07:08:09.123Z'));
    expect(t).toBeInstanceOf(TimeStub);
    expect(t.isoString).toBe('2023-05-06T07:08:09.123Z');
    const d = await echo<DateStub>(DateStub.from('2023-05-06'));
    expect(d).toBeInstanceOf(DateStub);
    expect(d.dateString).toBe('2023-05-06');
    expect((await echo<TimeStub>(new Date('2023-05-06T07:08:09Z'))).isoString).toBe('2023-05-06T07:08:09Z');
  });

  it('document references come back as the documents they name; modules as modules', async () => {
    const doc = await echo<Document>(new DocumentReference({ coll: 'Customer', id: '999' }));
    expect(doc).toBeInstanceOf(Document);
    expect((doc as unknown as { name: string }).name).toBe('John Doe');
    const viaField = (await client.query(fql`${new DocumentReference({ coll: 'Customer', id: '999' })}.name`)).data;
    expect(viaField).toBe('John Doe');
    const missing = await echo<NullDocument>(new DocumentReference({ coll: 'Customer', id: '1' }));
    expect(missing).toBeInstanceOf(NullDocument);
    expect((await echo<Module>(new Module('Customer'))).name).toBe('Customer');
    const doc999 = (await client.query<Document>(fql`Customer.byId("999")`)).data;
    expect(((await echo<Document>(doc999)) as unknown as { name: string }).name).toBe('John Doe');
  });

  it('values are used, not pasted: a string value is never evaluated as FQL', async () => {
    expect(await echo('1 + 1')).toBe('1 + 1');
    expect((await client.query(fql`${'ab'} + ${'cd'}`)).data).toBe('abcd');
    expect((await client.query(fql`let x = ${5}; x * ${{ k: 2 }}.k`)).data).toBe(10);
  });

  it('`arguments` are bound as variables', async () => {
    const r = await client.query(fql`x + y.n`, { arguments: { x: 40, y: { n: 2 } } });
    expect(r.data).toBe(42);
  });

  it('a query error over template values shows `<value>` in the summary, as the core does', async () => {
    const e = await client.query(fql`${1} + ${'a'}`).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(QueryRuntimeError);
    expect((e as QueryRuntimeError).queryInfo?.summary).toBe(
      'error: expected type: Number, received String\nat *query*:1:1\n  |\n1 | <value> + <value>\n  | ^^^^^^^^^^^^^^^^^\n  |',
    );
  });
});

describe('errors: one per driver exception class reachable today', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    await server.engine.reset();
  }, 60_000);

  it('AuthenticationError on a bad secret (401, "Access token required")', async () => {
    const bad = v10Client(server, 'not-the-secret');
    try {
      const e = await bad.query(fql`1`).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AuthenticationError);
      expect(e).toMatchObject({ httpStatus: 401, code: 'unauthorized', message: 'Access token required' });
    } finally {
      bad.close();
    }
  });

  it('QueryCheckError for a query that does not parse', async () => {
    const e = await client.query(fql`1 +`).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(QueryCheckError);
    expect(e).toMatchObject({ httpStatus: 400, code: 'invalid_query' });
    expect((e as QueryCheckError).queryInfo?.summary).toMatch(/^error: .*\nat \*query\*:1:4\n {2}\|\n1 \| 1 \+\n {2}\| {4}\^\n {2}\|$/);
  });

  it('QueryRuntimeError with the code and message of the failure', async () => {
    const e = await client.query(fql`let x = null; x.y`).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(QueryRuntimeError);
    expect(e).toMatchObject({ httpStatus: 400, code: 'invalid_null_access', message: 'Cannot access `y` on null.' });
    expect((e as QueryRuntimeError).queryInfo).toMatchObject({ summary: expect.stringContaining('at *query*:1:17') });
  });

  it('ConstraintFailureError with constraint_failures', async () => {
    await client.query(fql`Collection.create({ name: "Dup" })`);
    const e = await client.query(fql`Collection.create({ name: "Dup" })`).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConstraintFailureError);
    expect(e).toMatchObject({ httpStatus: 400, code: 'constraint_failure', message: 'Failed to create Collection.' });
    expect((e as ConstraintFailureError).constraint_failures).toEqual([
      { paths: [['name']], message: 'A Collection already exists with the name `Dup`' },
    ]);
  });

  it('AbortError with the abort() value, decoded in the request’s format', async () => {
    const e = await client.query(fql`abort({ why: "no", n: 1 })`).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AbortError);
    expect(e).toMatchObject({ httpStatus: 400, code: 'abort', message: 'Query aborted.', abort: { why: 'no', n: 1 } });
    const decorated = await client.query(fql`abort([1, "a"])`, { format: 'decorated' }).catch((x: unknown) => x);
    expect((decorated as AbortError).abort).toBe('[\n  1,\n  "a"\n]');
  });

  it('QueryRuntimeError permission_denied for a key without the privilege', async () => {
    const key = (await client.query<{ secret: string }>(fql`Key.create({ role: "client" })`)).data;
    const limited = v10Client(server, key.secret);
    try {
      const e = await limited.query(fql`Collection.create({ name: "Nope" })`).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(QueryRuntimeError);
      expect(e).toMatchObject({ httpStatus: 400, code: 'permission_denied', message: 'Insufficient privileges to perform the action.' });
    } finally {
      limited.close();
    }
  });

  it('token secrets authenticate; a forged one is an AuthenticationError', async () => {
    await client.query(fql`Collection.create({ name: "Person" })`);
    const token = (await client.query<{ secret: string }>(fql`Token.create({ document: Person.create({ name: "A" }) })`)).data;
    const asToken = v10Client(server, token.secret);
    const forged = v10Client(server, `${token.secret.slice(0, -4)}AAAA`);
    try {
      expect((await asToken.query(fql`1 + 1`)).data).toBe(2);
      await expect(forged.query(fql`1`)).rejects.toBeInstanceOf(AuthenticationError);
    } finally {
      asToken.close();
      forged.close();
    }
  });

  it('InvalidRequestError for a header the core rejects', async () => {
    const tags = await client.query(fql`1`, { query_tags: { bad: 'not ok' } }).catch((x: unknown) => x);
    expect(tags).toBeInstanceOf(InvalidRequestError);
    expect(tags).toMatchObject({ httpStatus: 400, code: 'invalid_request', message: "Invalid header 'x-query-tags': invalid tags" });
    const retries = await client.query(fql`1`, { max_contention_retries: 8 }).catch((x: unknown) => x);
    expect(retries).toBeInstanceOf(InvalidRequestError);
    expect(retries).toMatchObject({ message: "Invalid header 'x-max-contention-retries': Must be between 0 and 7." });
    const timeout = await client.query(fql`1`, { query_timeout_ms: 600_001 }).catch((x: unknown) => x);
    expect(timeout).toMatchObject({ message: "Invalid header 'x-query-timeout-ms': Must be less than or equal to 600000." });
  });

  it('a body over 8 MiB: QueryRuntimeError with code request_size_exceeded (413)', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const e = await client.query(fql`${big}`).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(QueryRuntimeError);
    expect(e).toMatchObject({ httpStatus: 413, code: 'request_size_exceeded', message: 'Request entity is too large' });
    expect((await client.query(fql`"still serving"`)).data).toBe('still serving');
  });
});

describe('sets: pages, cursors and paginate()', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    await server.engine.reset();
    await client.query(fql`Collection.create({ name: "Thing" })`);
    for (let i = 0; i < 100; i += 10) {
      // Ten documents per query, numbered 0..99.
      await client.query(fql`${Array.from({ length: 10 }, (_, j) => i + j)}.forEach(n => Thing.create({ n: n }))`);
    }
  }, 60_000);

  it('a set decodes to Page: the first 16 items and a cursor', async () => {
    const page = (await client.query<Page<Document>>(fql`Thing.all()`)).data;
    expect(page).toBeInstanceOf(Page);
    expect(page.data).toHaveLength(16);
    expect(page.data[0]).toBeInstanceOf(Document);
    expect(typeof page.after).toBe('string');
    // Sets inside values are pages too.
    const nested = (await client.query<{ s: Page<Document> }>(fql`{ s: Thing.all() }`)).data;
    expect(nested.s).toBeInstanceOf(Page);
  });

  it('paginate() walks all 100 documents through Set.paginate(cursor)', async () => {
    const seen: number[] = [];
    let pages = 0;
    for await (const page of client.paginate<Document & { n: number }>(fql`Thing.all()`)) {
      pages++;
      for (const doc of page) seen.push(doc.n);
    }
    expect(pages).toBe(7); // 6 pages of 16 and one of 4
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const flat: number[] = [];
    for await (const doc of client.paginate<Document & { n: number }>(fql`Thing.all().map(.n)`).flatten()) flat.push(doc as unknown as number);
    expect(flat).toHaveLength(100);
  });

  it('.paginate(n) answers a plain {data, after} object, as the core does', async () => {
    const r = (await client.query<{ data: Document[]; after: string }>(fql`Thing.all().paginate(5)`)).data;
    expect(r).not.toBeInstanceOf(Page);
    expect(r.data).toHaveLength(5);
    expect(typeof r.after).toBe('string');
  });
});

describe('request options sent as headers', { timeout: 60_000 }, () => {
  it('query tags come back as the string the driver splits (in the core’s order)', async () => {
    const r = await client.query(fql`1`, { query_tags: { first: '1', second: 'two_2' } });
    expect(r.query_tags).toEqual({ first: '1', second: 'two_2' });
  });

  it('typecheck, linearized, performance hints, timeout and retries are accepted', async () => {
    const r = await client.query(fql`1 + 1`, {
      typecheck: true,
      linearized: true,
      performance_hints: true,
      query_timeout_ms: 1000,
      max_contention_retries: 3,
      traceparent: '00-750efa5fb6a131eb2cf4db39f28366cb-000000000000000b-00',
    });
    expect(r.data).toBe(2);
    // An untyped database: no static type.
    expect(r.static_type).toBeUndefined();
    expect(r.txn_ts).toBeGreaterThan(0);
    expect(r.schema_version).toBe(0);
  });

  it('the driver sends the last transaction time it saw, and the server accepts it', async () => {
    await client.query(fql`1`);
    expect(client.lastTxnTs).toBeGreaterThan(0);
    expect((await client.query(fql`2`)).data).toBe(2);
  });

  it('stats carry every field the driver reads', async () => {
    const r = await client.query(fql`1`);
    expect(Object.keys(r.stats ?? {})).toEqual([
      'compute_ops',
      'read_ops',
      'write_ops',
      'query_time_ms',
      'contention_retries',
      'storage_bytes_read',
      'storage_bytes_write',
      'rate_limits_hit',
      'attempts',
    ]);
  });
});
