// One driver suite, two hosts: the unmodified `fauna` (v10) and `faunadb` (v4) drivers against
// the engine, run in Node against `npm run serve`'s host (tests/server/driver-suite.test.ts) and in
// Chromium against the in-page engine through the page's HTTP client (tests/e2e/drivers.test.ts).
// It has no test framework of its own, so that it can be bundled into the page as is: each case
// throws on a mismatch and the runner reports one line per case. The drivers come from the host
// (`import type` only), so the page's own lazily loaded drivers are the ones tested there.
import type * as FaunaModule from 'fauna';
import type * as FaunadbModule from 'faunadb';
import { examples } from '../../src/examples/seeds';

type Fauna = typeof FaunaModule;
type Faunadb = typeof FaunadbModule;

export interface SuiteHost {
  fauna: Fauna;
  faunadb: Faunadb;
  /** A v10 client with this secret (default: the admin key). */
  v10(secret?: string): FaunaModule.Client;
  /** A v4 client with this secret and an observer of every response. */
  v4(secret?: string, observer?: (result: FaunadbModule.RequestResult) => void): FaunadbModule.Client;
}

export interface CaseOutcome {
  name: string;
  ok: boolean;
  detail?: string;
}

class Mismatch extends Error {}

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Mismatch(what);
}

function same(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  const e = JSON.stringify(expected, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  if (a !== e) throw new Mismatch(`${what}: expected ${e}, got ${a}`);
}

/** The error a call throws (a case fails when it throws nothing). */
async function thrown(call: () => Promise<unknown>, what: string): Promise<Error> {
  try {
    await call();
  } catch (e) {
    return e as Error;
  }
  throw new Mismatch(`${what}: expected an error, got a result`);
}

const SECRET = /^fn[A-Za-z0-9_-]{49}$/;
const HARRY = '181388642114077184';

export async function runDriverSuite(host: SuiteHost): Promise<CaseOutcome[]> {
  const { fauna, faunadb } = host;
  const q = faunadb.query;
  const text = (source: string) => fauna.fql(Object.assign([source], { raw: [source] }) as unknown as TemplateStringsArray);
  const admin = host.v10();
  const v4admin = host.v4();

  /** Runs v10 set-up steps as a user would; "already there" errors are fine. */
  async function setUp(steps: Array<{ lang: string; source: string; alreadyDone: string[] }>): Promise<void> {
    for (const step of steps) {
      try {
        if (step.lang === 'fql10') await admin.query(text(step.source));
        else throw new Mismatch(`a v10 example with a v4 set-up step: ${step.source}`);
      } catch (e) {
        if (!(e instanceof fauna.ServiceError) || !step.alreadyDone.includes(e.code)) throw e;
      }
    }
  }

  const cases: Array<[string, () => Promise<void>]> = [];
  const test = (name: string, body: () => Promise<void>) => cases.push([name, body]);

  // ---- v10: the seed pages --------------------------------------------------------------------
  for (const example of examples.filter((e) => e.lang === 'fql10')) {
    test(`v10 seed ${example.id}`, async () => {
      await setUp(example.setup);
      const res = await admin.query<FaunaModule.Document>(text(example.source));
      const doc = res.data;
      check(doc instanceof fauna.Document, 'the result decodes to a Document');
      check(doc.ts instanceof fauna.TimeStub, 'ts is a TimeStub');
      check(doc.coll instanceof fauna.Module, 'coll is a Module');
      check(/^\d+$/.test(doc.id), `the id is a number string (${doc.id})`);
      check((res.stats?.write_ops ?? 0) >= 1, 'the seed writes');
      const secret = (doc as unknown as { secret?: string }).secret;
      if (example.id === 'v10-token-create' || example.id === 'v10-credential-login') {
        check(typeof secret === 'string' && SECRET.test(secret), `a token secret in Fauna's layout (${secret})`);
        // The secret works as a driver's secret.
        const asToken = host.v10(secret);
        const two = await asToken.query<number>(fauna.fql`1 + 1`);
        same(two.data, 2, 'a query run with the new token');
        asToken.close();
      }
    });
  }

  // ---- v10: every tagged type decodes into the driver's class -----------------------------------
  test('v10 decoding: Document, NamedDocument, DocumentReference, NullDocument, Page, Module, TimeStub, DateStub, numbers', async () => {
    await admin.query(fauna.fql`Collection.create({ name: "Pets" })`);
    await admin.query(fauna.fql`Pets.create({ id: "1", name: "Rex" }); Pets.create({ id: "2", name: "Tom", friend: Pets.byId("1") })`);
    const res = await admin.query(fauna.fql`{
      doc: Pets.byId("1"),
      named: Collection.byName("Pets"),
      nested: Pets.byId("2")!.friend,
      missing: Pets.byId("404"),
      page: Pets.all(),
      module: Pets,
      time: Time("2023-01-02T03:04:05.678Z"),
      date: Date("2023-01-02"),
      int: 1,
      double: 1.5,
    }`);
    const d = res.data as Record<string, unknown>;
    check(d.doc instanceof fauna.Document, 'doc → Document');
    check(d.named instanceof fauna.NamedDocument, 'Collection.byName → NamedDocument');
    check((d.named as FaunaModule.NamedDocument).name === 'Pets', 'the NamedDocument is named Pets');
    // A document inside a document is sent as a reference.
    check(d.nested instanceof fauna.Document || d.nested instanceof fauna.DocumentReference, 'a stored reference decodes');
    check(d.missing instanceof fauna.NullDocument, 'a missing document → NullDocument');
    same((d.missing as FaunaModule.NullDocument).cause, 'not found', 'the NullDocument cause');
    check(d.page instanceof fauna.Page, 'a set → Page');
    same((d.page as FaunaModule.Page<FaunaModule.Document>).data.map((x) => x.id), ['1', '2'], 'the page holds both documents');
    check(d.module instanceof fauna.Module && d.module.name === 'Pets', 'a collection → Module');
    check(d.time instanceof fauna.TimeStub && d.time.isoString === '2023-01-02T03:04:05.678Z', 'Time → TimeStub with its instant');
    check(d.date instanceof fauna.DateStub && d.date.dateString === '2023-01-02', 'Date → DateStub');
    same([d.int, d.double], [1, 1.5], 'Int and Double');
    const stored = await admin.query<FaunaModule.Document>(fauna.fql`Pets.byId("2")`);
    const friend = (stored.data as unknown as { friend: unknown }).friend;
    check(friend instanceof fauna.DocumentReference, 'a reference stored in a document → DocumentReference');
  });

  test('v10 decoding: a set nested past 10 levels is an EmbeddedSet whose cursor pages on', async () => {
    // Eleven sets, each the only element of the one around it: ten come back as pages.
    const nested = text(`${'Set.single('.repeat(11)}"core"${')'.repeat(11)}`);
    let v = (await admin.query(nested)).data as unknown;
    for (let level = 0; level < 10; level++) {
      check(v instanceof fauna.Page, `level ${level} is a Page`);
      v = (v as FaunaModule.Page<FaunaModule.QueryValue>).data[0];
    }
    check(v instanceof fauna.EmbeddedSet, 'level 10 is an EmbeddedSet');
    const rest = await admin.query(fauna.fql`Set.paginate(${(v as FaunaModule.EmbeddedSet).after})`);
    same((rest.data as FaunaModule.Page<string>).data, ['core'], 'the embedded set, read by its cursor');
  });

  test('v10 arguments round-trip through the template', async () => {
    const when = fauna.TimeStub.from('2020-01-01T00:00:00Z');
    const res = await admin.query(fauna.fql`[${41} + 1, ${'a'} + "b", ${when}.year, ${[1, 2]}.length, ${{ k: true }}.k]`);
    same(res.data, [42, 'ab', 2020, 2, true], 'argument values');
  });

  // ---- v10: errors, one per exception class the driver has --------------------------------------
  test('v10 errors: AuthenticationError, QueryCheckError, QueryRuntimeError, AbortError, ConstraintFailureError', async () => {
    const bad = host.v10('fnAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const auth = await thrown(() => bad.query(fauna.fql`1`), 'a bad secret');
    bad.close();
    check(auth instanceof fauna.AuthenticationError, `a bad secret → AuthenticationError (${auth.name})`);
    same([(auth as FaunaModule.ServiceError).httpStatus, (auth as FaunaModule.ServiceError).code], [401, 'unauthorized'], 'status and code');

    const parse = await thrown(() => admin.query(text('1 +')), 'a parse error');
    check(parse instanceof fauna.QueryCheckError, `a parse error → QueryCheckError (${parse.name})`);
    same((parse as FaunaModule.ServiceError).code, 'invalid_query', 'its code');

    const runtime = await thrown(() => admin.query(fauna.fql`Collection.byName("Nope")!.all()`), 'a null value');
    check(runtime instanceof fauna.QueryRuntimeError, `a runtime error → QueryRuntimeError (${runtime.name})`);

    const abort = await thrown(() => admin.query(fauna.fql`abort({ reason: "stop" })`), 'abort()');
    check(abort instanceof fauna.AbortError, `abort() → AbortError (${abort.name})`);
    same((abort as FaunaModule.AbortError).abort, { reason: 'stop' }, "abort()'s value");

    await admin.query(fauna.fql`Collection.create({ name: "Uniq", constraints: [{ unique: ["email"] }] })`);
    await admin.query(fauna.fql`Uniq.create({ email: "a@b.c" })`);
    const unique = await thrown(() => admin.query(fauna.fql`Uniq.create({ email: "a@b.c" })`), 'a unique violation');
    check(unique instanceof fauna.ConstraintFailureError, `a unique violation → ConstraintFailureError (${unique.name})`);
    const count = await admin.query<number>(fauna.fql`Uniq.all().count()`);
    same(count.data, 1, 'the failed create wrote nothing');
  });

  test('v10 QueryTimeoutError: a query past query_timeout_ms fails with time_out and writes nothing', async () => {
    await admin.query(fauna.fql`Collection.create({ name: "Slow" })`);
    // Hashing a password takes tens of milliseconds: far past a 1 ms deadline.
    const slow = fauna.fql`Credential.create({ document: Slow.create({ id: "1" }), password: "sekret" })`;
    const late = await thrown(() => admin.query(slow, { query_timeout_ms: 1 }), 'a query past its timeout');
    check(late instanceof fauna.QueryTimeoutError, `→ QueryTimeoutError (${late.name})`);
    same([(late as FaunaModule.ServiceError).httpStatus, (late as FaunaModule.ServiceError).code], [440, 'time_out'], 'status and code');
    check(/^Client set aggressive deadline: query needs 1000, timed out within \d+$/.test(late.message), `Fauna's message (${late.message})`);
    const left = await admin.query<number>(fauna.fql`Slow.all().count()`);
    same(left.data, 0, 'documents written by the timed-out query');
  });

  // ---- v10: paginate() walks every page by cursor -------------------------------------------------
  test('v10 paginate() over 100 documents', async () => {
    await admin.query(fauna.fql`Collection.create({ name: "Things" })`);
    await admin.query(fauna.fql`Set.sequence(0, 100).forEach(i => Things.create({ n: i }))`);
    const seen: number[] = [];
    let pages = 0;
    for await (const page of admin.paginate<{ n: number }>(fauna.fql`Things.all().map(.n)`)) {
      pages++;
      seen.push(...(page as unknown as number[]));
    }
    same(seen.length, 100, 'documents seen');
    same(new Set(seen).size, 100, 'distinct documents');
    same(pages, 7, 'pages of 16 (the default page size)');
  });

  // ---- v4: the seed pages, with the metrics they print ------------------------------------------
  const characters = () => q.Ref(q.Collection('characters'), HARRY);
  const V4_SEEDS: Record<string, { setup: FaunadbModule.Expr[]; query: FaunadbModule.Expr; metrics: Record<string, number> }> = {
    'v4-login': {
      setup: [q.Create(characters(), { data: { name: 'Harry' }, credentials: { password: 'abracadabra' } })],
      query: q.Login(characters(), { password: 'abracadabra' }),
      metrics: { 'x-query-bytes-in': 118, 'x-query-bytes-out': 313, 'x-byte-read-ops': 1, 'x-byte-write-ops': 1, 'x-storage-bytes-read': 214, 'x-storage-bytes-write': 414 },
    },
    'v4-create-token': {
      setup: [q.Create(characters(), { data: { name: 'Harry' } })],
      query: q.Create(q.Tokens(), { instance: characters() }),
      metrics: { 'x-query-bytes-in': 121, 'x-query-bytes-out': 313, 'x-byte-read-ops': 0, 'x-byte-write-ops': 1, 'x-storage-bytes-read': 0, 'x-storage-bytes-write': 414 },
    },
  };
  for (const [id, seed] of Object.entries(V4_SEEDS)) {
    test(`v4 seed ${id}, with the page's metrics read through the observer`, async () => {
      // Each seed on its own state: the collection, and Harry made afresh.
      await v4admin.query(q.If(q.Exists(q.Collection('characters')), null, q.CreateCollection({ name: 'characters' })));
      await v4admin.query(q.If(q.Exists(characters()), q.Delete(characters()), null));
      for (const step of seed.setup) await v4admin.query(step);
      let observed: FaunadbModule.RequestResult | undefined;
      const client = host.v4(undefined, (r) => (observed = r));
      const token = await client.query<{ ref: FaunadbModule.values.Ref; instance: FaunadbModule.values.Ref; secret: string; ts: number }>(seed.query);
      check(token.ref instanceof faunadb.values.Ref, 'ref → values.Ref');
      check(token.ref.collection?.id === 'tokens', `the token's ref is in Tokens() (${String(token.ref.collection?.id)})`);
      check(token.instance instanceof faunadb.values.Ref && token.instance.id === HARRY, 'instance → the character');
      check(token.instance.collection?.id === 'characters', "the instance's collection");
      check(SECRET.test(token.secret), `a token secret (${token.secret})`);
      check(observed !== undefined, 'the observer saw the response');
      const headers = observed.responseHeaders as Record<string, string>;
      for (const [name, value] of Object.entries(seed.metrics)) same(Number(headers[name]), value, name);
      same(headers['x-compute-ops'], '1', 'x-compute-ops');
    });
  }

  test('v4 decoding: values.Ref, FaunaTime, FaunaDate, objects with @ keys', async () => {
    await v4admin.query(q.If(q.Exists(q.Collection('characters')), null, q.CreateCollection({ name: 'characters' })));
    const ref = q.Ref(q.Collection('characters'), '7');
    await v4admin.query(q.If(q.Exists(ref), q.Delete(ref), null));
    const born = new faunadb.values.FaunaDate('1980-07-31');
    await v4admin.query(q.Create(ref, { data: { name: 'Ron', born, seen: q.Time('2023-01-02T03:04:05Z') } }));
    const doc = await v4admin.query<{ ref: FaunadbModule.values.Ref; ts: number; data: Record<string, unknown> }>(q.Get(ref));
    check(doc.ref instanceof faunadb.values.Ref && doc.ref.id === '7', 'ref → values.Ref');
    check(doc.ref.collection?.id === 'characters', "the ref's collection");
    check(typeof doc.ts === 'number', 'ts is a number');
    check(doc.data.seen instanceof faunadb.values.FaunaTime, 'a time → FaunaTime');
    same((doc.data.seen as FaunadbModule.values.FaunaTime).date.toISOString(), '2023-01-02T03:04:05.000Z', 'the time');
    check(doc.data.born instanceof faunadb.values.FaunaDate, 'a date → FaunaDate');
    same((doc.data.born as FaunadbModule.values.FaunaDate).date.toISOString().slice(0, 10), '1980-07-31', 'the date');
    const coll = await v4admin.query<FaunadbModule.values.Ref>(q.Collection('characters'));
    check(coll instanceof faunadb.values.Ref && coll.id === 'characters', 'a collection → values.Ref');
  });

  test('v4 sets and indexes: SetRef for Match and Documents, Ref for native sets and indexes, pages of refs', async () => {
    await v4admin.query(q.If(q.Exists(q.Collection('spells')), null, q.CreateCollection({ name: 'spells' })));
    await v4admin.query(
      q.If(
        q.Exists(q.Index('spells_by_element')),
        null,
        q.CreateIndex({ name: 'spells_by_element', source: q.Collection('spells'), terms: [{ field: ['data', 'element'] }] }),
      ),
    );
    await v4admin.query(q.Create(q.Collection('spells'), { data: { name: 'Fire Beak', element: 'fire' } }));
    const match = await v4admin.query<FaunadbModule.values.SetRef>(q.Match(q.Index('spells_by_element'), 'fire'));
    check(match instanceof faunadb.values.SetRef, `Match → values.SetRef (${JSON.stringify(match)})`);
    const raw = (match as unknown as { value: { match: FaunadbModule.values.Ref; terms: string } }).value;
    const index = raw.match;
    check(index instanceof faunadb.values.Ref && index.id === 'spells_by_element' && index.collection?.id === 'indexes', 'its index ref');
    same(raw.terms, 'fire', 'its terms');
    const docs = await v4admin.query<FaunadbModule.values.SetRef>(q.Documents(q.Collection('spells')));
    check(docs instanceof faunadb.values.SetRef, 'Documents → values.SetRef');
    const native = await v4admin.query<FaunadbModule.values.Ref>(q.Collections());
    check(native instanceof faunadb.values.Ref && native.id === 'collections', 'Collections() → the native ref');
    const idx = await v4admin.query<FaunadbModule.values.Ref>(q.Index('spells_by_element'));
    check(idx instanceof faunadb.values.Ref && idx.collection?.id === 'indexes', 'Index() → a ref in indexes');
    const page = await v4admin.query<{ data: FaunadbModule.values.Ref[] }>(q.Paginate(q.Match(q.Index('spells_by_element'), 'fire')));
    check(page.data.length >= 1 && page.data.every((r) => r instanceof faunadb.values.Ref && r.collection?.id === 'spells'), 'a page of spell refs');
  });

  test('v4 errors: BadRequest, Unauthorized, PermissionDenied, NotFound, UnavailableError (timeout)', async () => {
    await v4admin.query(q.If(q.Exists(q.Collection('characters')), null, q.CreateCollection({ name: 'characters' })));
    await v4admin.query(q.If(q.Exists(characters()), null, q.Create(characters(), { credentials: { password: 'abracadabra' } })));
    const badLogin = await thrown(() => v4admin.query(q.Login(characters(), { password: 'wrong' })), 'a wrong password');
    check(badLogin instanceof faunadb.errors.BadRequest, `a wrong password → BadRequest (${badLogin.name})`);
    same((badLogin as FaunadbModule.errors.FaunaHTTPError).requestResult.responseContent, { errors: [{ position: [], code: 'authentication failed', description: 'The document was not found or provided password was incorrect.' }] }, 'the error body');
    const wrong = await thrown(() => v4admin.query(new faunadb.Expr({ no_such_function: 1 })), 'an unknown form');
    check(wrong instanceof faunadb.errors.BadRequest, `an invalid expression → BadRequest (${wrong.name})`);

    const stranger = host.v4('fnAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const unauthorized = await thrown(() => stranger.query(q.Collections()), 'a bad secret');
    check(unauthorized instanceof faunadb.errors.Unauthorized, `a bad secret → Unauthorized (${unauthorized.name})`);

    const key = await v4admin.query<{ secret: string }>(q.CreateKey({ role: 'client' }));
    const client = host.v4(key.secret);
    const denied = await thrown(() => client.query(q.CreateCollection({ name: 'forbidden' })), 'a client key creating a collection');
    check(denied instanceof faunadb.errors.PermissionDenied, `a client key writing schema → PermissionDenied (${denied.name})`);

    const missing = await thrown(() => v4admin.query(q.Get(q.Ref(q.Collection('characters'), '404'))), 'a missing document');
    check(missing instanceof faunadb.errors.NotFound, `a missing document → NotFound (${missing.name})`);

    // v4 answers a query past its timeout as the service timeout: 503, UnavailableError.
    const late = await thrown(
      () => v4admin.query(q.Create(q.Ref(q.Collection('characters'), '8'), { credentials: { password: 'sekret' } }), { queryTimeout: 1 }),
      'a query past its timeout',
    );
    check(late instanceof faunadb.errors.UnavailableError, `a query past its timeout → UnavailableError (${late.name})`);
    same((late as FaunadbModule.errors.FaunaHTTPError).requestResult.responseContent, { errors: [{ code: 'time out', description: 'Read timed out' }] }, 'the body');
    same(await v4admin.query(q.Exists(q.Ref(q.Collection('characters'), '8'))), false, 'written by the timed-out query');
  });

  const outcomes: CaseOutcome[] = [];
  for (const [name, body] of cases) {
    try {
      await body();
      outcomes.push({ name, ok: true });
    } catch (e) {
      const err = e as Error;
      outcomes.push({ name, ok: false, detail: err instanceof Mismatch ? err.message : `${err.name}: ${err.message}` });
    }
  }
  admin.close();
  await v4admin.close();
  return outcomes;
}
