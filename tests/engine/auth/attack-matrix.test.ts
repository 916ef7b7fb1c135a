// Every principal × every operation × every kind of document, in v10 and in v4 (where v4 has
// the operation), against the expected outcome read from fauna-auth-semantics §5 (built-in
// roles' capability table, the role-less identity baseline, user roles) and §1.3 (bad secrets
// are rejected before anything runs). The table is
// written out below by hand, never derived from the engine. After each write that is refused or
// fails, the whole store must be byte-for-byte what it was; at the end, no stored record may hold
// a password or a secret in plaintext.
import { describe, expect, test, vi } from 'vitest';
import { parseSecret } from '../../../src/engine/auth/secret';
import { dumpStores, freshEngine } from '../helpers';
import { exec, idIn, outcome, secretIn, world, type Lang, type World } from './world';

vi.setConfig({ testTimeout: 120_000 });

const PRINCIPALS = ['admin', 'server', 'server-readonly', 'client', 'role-less token', 'member token', 'expired token', 'deleted-identity token', 'other-db token'] as const;
const KINDS = ['user doc', 'token', 'credential', 'key', 'role', 'collection', 'database'] as const;
const OPS = ['read', 'list', 'create', 'update', 'delete'] as const;
type P = (typeof PRINCIPALS)[number];
type K = (typeof KINDS)[number];
type Op = (typeof OPS)[number];

// ✓ allowed · ✗ denied (permission_denied, or null due to permission denied) · 401 unauthorized.
// list: all (sees every document), own (only the identity's own), none (nothing, or denied).
// The token and credential targets of a token principal are its own token and credential.
// "member token": an identity of collection M, whose role "member" grants read, create, write
// and delete on collection U (and nothing else); the role-less token is an identity of U.
const TABLE = `
kind        principal               read  list  create  update  delete
user doc    admin                   ✓     all   ✓       ✓       ✓
user doc    server                  ✓     all   ✓       ✓       ✓
user doc    server-readonly         ✓     all   ✗       ✗       ✗
user doc    client                  ✗     none  ✗       ✗       ✗
user doc    role-less token         ✗     none  ✗       ✗       ✗
user doc    member token            ✓     all   ✓       ✓       ✓
token       admin                   ✓     all   ✓       ✓       ✓
token       server                  ✓     all   ✓       ✓       ✓
token       server-readonly         ✓     all   ✗       ✗       ✗
token       client                  ✗     none  ✗       ✗       ✗
token       role-less token         ✓     own   ✗       ✗       ✓
token       member token            ✓     own   ✗       ✗       ✓
credential  admin                   ✓     all   ✓       ✓       ✓
credential  server                  ✓     all   ✓       ✓       ✓
credential  server-readonly         ✓     all   ✗       ✗       ✗
credential  client                  ✗     none  ✗       ✗       ✗
credential  role-less token         ✓     own   ✗       ✗       ✗
credential  member token            ✓     own   ✗       ✗       ✗
key         admin                   ✓     all   ✓       ✓       ✓
key         server                  ✗     none  ✗       ✗       ✗
key         server-readonly         ✗     none  ✗       ✗       ✗
key         client                  ✗     none  ✗       ✗       ✗
key         role-less token         ✗     none  ✗       ✗       ✗
key         member token            ✗     none  ✗       ✗       ✗
role        admin                   ✓     all   ✓       ✓       ✓
role        server                  ✗     none  ✗       ✗       ✗
role        server-readonly         ✗     none  ✗       ✗       ✗
role        client                  ✗     none  ✗       ✗       ✗
role        role-less token         ✗     none  ✗       ✗       ✗
role        member token            ✗     none  ✗       ✗       ✗
collection  admin                   ✓     all   ✓       ✓       ✓
collection  server                  ✓     all   ✓       ✓       ✓
collection  server-readonly         ✓     all   ✗       ✗       ✗
collection  client                  ✗     none  ✗       ✗       ✗
collection  role-less token         ✗     none  ✗       ✗       ✗
collection  member token            ✗     none  ✗       ✗       ✗
database    admin                   ✓     all   ✓       ✓       ✓
database    server                  ✗     none  ✗       ✗       ✗
database    server-readonly         ✗     none  ✗       ✗       ✗
database    client                  ✗     none  ✗       ✗       ✗
database    role-less token         ✗     none  ✗       ✗       ✗
database    member token            ✗     none  ✗       ✗       ✗
*           expired token           401   401   401     401     401
*           deleted-identity token  401   401   401     401     401
*           other-db token          401   401   401     401     401
`;

/**
 * Operations the v10 engine does not offer yet (Collection.all, deleting a collection): until
 * they exist, their failure as unknown is tolerated; once they exist they must match the table.
 */
const NOT_YET = new Set(['fql10|collection|list', 'fql10|collection|delete', 'fql4|collection|update', 'fql4|collection|delete']);

function expectedTable(): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of TABLE.trim().split('\n').slice(1)) {
    const cells = line.split(/\s{2,}/);
    const [kind, principal, ...results] = cells as [string, string, ...string[]];
    for (const k of kind === '*' ? KINDS : [kind as K]) OPS.forEach((op, i) => out.set(`${k}|${principal}|${op}`, results[i]!));
  }
  return out;
}

/** The targets one principal attacks: documents made for it, so its own secret survives the writes. */
interface Targets {
  token: string;
  credential: string;
  key: string;
}

function query(kind: K, op: Op, t: Targets): string {
  const one: Record<K, string> = {
    'user doc': 'U.byId("2")!',
    token: `Token.byId("${t.token}")!`,
    credential: `Credential.byId("${t.credential}")!`,
    key: `Key.byId("${t.key}")!`,
    role: 'Role.byName("victim")!',
    collection: 'Collection.byName("Victim")!',
    database: 'Database.byName("victim")!',
  };
  const all: Record<K, string> = {
    'user doc': 'U.all()',
    token: 'Token.all()',
    credential: 'Credential.all()',
    key: 'Key.all()',
    role: 'Role.all()',
    collection: 'Collection.all()',
    database: 'Database.all()',
  };
  const create: Record<K, string> = {
    'user doc': 'U.create({ made: true })',
    token: 'Token.create({ document: U.byId("1") })',
    credential: 'Credential.create({ document: U.byId("3") })',
    key: 'Key.create({ role: "client" })',
    role: 'Role.create({ name: "fresh" })',
    collection: 'Collection.create({ name: "Fresh" })',
    database: 'Database.create({ name: "fresh" })',
  };
  const patch: Record<K, string> = {
    'user doc': '{ touched: true }',
    token: '{ data: { touched: true } }',
    credential: '{ data: { touched: true } }',
    key: '{ data: { touched: true } }',
    role: '{ data: { touched: true } }',
    collection: '{ history_days: 1 }',
    database: '{ data: { touched: true } }',
  };
  if (op === 'read') return `${one[kind]} != null`;
  if (op === 'list') return `${all[kind]}.count()`;
  if (op === 'create') return `${create[kind]} != null`;
  if (op === 'update') return `${one[kind]}.update(${patch[kind]}) != null`;
  return `${one[kind]}.delete() == null`;
}

/** The same attacks in FQL v4; Set reads (`list`) are v10's alone here. */
function query4(kind: K, op: Op, t: Targets): string | undefined {
  if (op === 'list') return undefined;
  const one: Record<K, string> = {
    'user doc': 'Ref(Collection("U"), "2")',
    token: `Ref(Tokens(), "${t.token}")`,
    credential: `Ref(Credentials(), "${t.credential}")`,
    key: `Ref(Keys(), "${t.key}")`,
    role: 'Role("victim")',
    collection: 'Collection("Victim")',
    database: 'Database("victim")',
  };
  const create: Record<K, string> = {
    'user doc': 'Create(Collection("U"), {data: {made: true}})',
    token: 'Create(Tokens(), {instance: Ref(Collection("U"), "1")})',
    credential: 'Create(Credentials(), {instance: Ref(Collection("U"), "3")})',
    key: 'CreateKey({role: "client"})',
    role: 'CreateRole({name: "fresh"})',
    collection: 'CreateCollection({name: "Fresh"})',
    database: 'CreateDatabase({name: "fresh"})',
  };
  const target = one[kind];
  const patch = kind === 'collection' ? '{history_days: 1}' : '{data: {touched: true}}';
  const body = op === 'read' ? `Get(${target})` : op === 'create' ? create[kind] : op === 'update' ? `Update(${target}, ${patch})` : `Delete(${target})`;
  return `Do(${body}, true)`;
}

/** A world with every kind of target, and the secret of the principal `p`. */
async function arena(p: P, w: World): Promise<{ secret: string; targets: Targets; own?: string }> {
  await w.ok('fql10', 'Collection.create({ name: "M" })\nCollection.create({ name: "Victim" })\nU.create({ id: "3" })\nM.create({ id: "1" })');
  await w.ok('fql10', 'Role.create({ name: "member", membership: [{ resource: "M" }], privileges: [{ resource: "U", actions: { read: true, create: true, write: true, delete: true } }] })');
  await w.ok('fql10', 'Role.create({ name: "victim" })\nDatabase.create({ name: "victim" })');
  // Another identity's token and credential, so that "own" differs from "all".
  await w.ok('fql10', 'Token.create({ document: U.byId("2") })\nCredential.create({ document: U.byId("2") })');
  const key = idIn(await w.ok('fql10', 'Key.create({ role: "server" })'));
  const otherToken = idIn(await w.ok('fql10', 'Token.create({ document: U.byId("1") })'));
  const credential = await w.ok('fql10', 'Credential.byDocument(U.byId("1"))!.id').then((t) => JSON.parse(t) as string);
  const keyed: Partial<Record<P, string>> = { admin: w.keys.admin, server: w.keys.server, 'server-readonly': w.keys.ro, client: w.keys.client };
  if (keyed[p]) return { secret: keyed[p]!, targets: { token: otherToken, credential, key } };
  if (p === 'role-less token') {
    const made = await w.ok('fql10', 'Token.create({ document: U.byId("1") })');
    return { secret: secretIn(made), targets: { token: idIn(made), credential, key }, own: 'U.byId("1")' };
  }
  if (p === 'member token') {
    await w.ok('fql10', 'Credential.create({ document: M.byId("1") })');
    const made = await w.ok('fql10', 'Token.create({ document: M.byId("1") })');
    const own = await w.ok('fql10', 'Credential.byDocument(M.byId("1"))!.id').then((t) => JSON.parse(t) as string);
    return { secret: secretIn(made), targets: { token: idIn(made), credential: own, key }, own: 'M.byId("1")' };
  }
  if (p === 'expired token') {
    const made = await w.ok('fql10', 'Token.create({ document: U.byId("1"), ttl: Time.now().add(200, "milliseconds") })');
    await new Promise((r) => setTimeout(r, 250));
    return { secret: secretIn(made), targets: { token: idIn(made), credential, key } };
  }
  if (p === 'deleted-identity token') {
    const made = await w.ok('fql10', 'U.create({ id: "9" })\nToken.create({ document: U.byId("9") })');
    await w.ok('fql10', 'U.byId("9")!.delete()');
    return { secret: secretIn(made), targets: { token: idIn(made), credential, key } };
  }
  // A token secret minted by another playground database: it names a database that is not this one.
  const other = (await freshEngine()).engine;
  await other.run({ lang: 'fql10', source: 'Collection.create({ name: "U" })' });
  const made = await other.run({ lang: 'fql10', source: 'U.create({ id: "1" })\nToken.create({ document: U.byId("1") })' });
  if (!made.ok) throw new Error(made.error.summary);
  return { secret: secretIn(made.text), targets: { token: otherToken, credential, key } };
}

/** The outcome of one case, in the table's vocabulary. */
async function judge(lang: Lang, w: World, secret: string, kind: K, op: Op, t: Targets, own?: string): Promise<string> {
  const x = await exec(w.engine, lang, lang === 'fql10' ? query(kind, op, t) : query4(kind, op, t)!, secret);
  if (!x.ok) {
    if (x.error.code === 'unauthorized') return '401';
    if (x.error.code === 'permission denied') return '✗';
    if (x.error.code === 'permission_denied' || x.error.message === 'Null value, due to permission denied') return op === 'list' ? 'none' : '✗';
    return `unexpected ${outcome(x)}`;
  }
  const v = outcome(x);
  if (op !== 'list') {
    return v === 'true' ? '✓' : `unexpected ${v}`;
  }
  const seen = Number(v);
  const total = Number(await w.ok('fql10', query(kind, 'list', t)));
  if (seen === total && total > 0) return 'all';
  if (seen === 0) return 'none';
  const coll = kind === 'token' ? 'Token' : 'Credential';
  const mine = own ? Number(await w.ok('fql10', `${coll}.all().where(.document == ${own}).count()`)) : -1;
  return seen === mine ? 'own' : `saw ${seen} of ${total}`;
}

describe.each(['fql10', 'fql4'] as const)('attack matrix (%s)', (lang) => {
  test('every principal × operation × kind matches §5; refused writes change nothing', async () => {
    const offered = (kind: K, op: Op) => lang === 'fql10' || query4(kind, op, { token: '', credential: '', key: '' }) !== undefined;
    const expected = new Map([...expectedTable()].filter(([k]) => offered(...(k.split('|').filter((_x, i) => i !== 1) as [K, Op]))));
    const actual = new Map<string, string>();
    let unchangedChecks = 0;
    const secrets: string[] = [];
    for (const p of PRINCIPALS) {
      const w = await world();
      const { secret, targets, own } = await arena(p, w);
      secrets.push(secret);
      // Deletes last, and the principal's own token last of all: it ends the principal's session.
      const order: Array<[K, Op]> = [
        ...KINDS.flatMap((k) => (['read', 'list', 'create', 'update'] as Op[]).map((op): [K, Op] => [k, op])),
        ...KINDS.filter((k) => k !== 'token').map((k): [K, Op] => [k, 'delete']),
        ['token', 'delete'],
      ];
      for (const [kind, op] of order.filter(([k, o]) => offered(k, o))) {
        const writes = op === 'create' || op === 'update' || op === 'delete';
        const before = writes ? await dumpStores(w.name) : '';
        const got = await judge(lang, w, secret, kind, op, targets, own);
        actual.set(`${kind}|${p}|${op}`, got);
        if (writes && got !== '✓') {
          expect(await dumpStores(w.name), `${p} ${op} ${kind} wrote`).toBe(before);
          unchangedChecks++;
        }
      }
      // Nothing in the store is a secret or a password: the scan of no-plaintext.test.ts, here after attacks.
      const dump = await dumpStores(w.name);
      for (const s of [secret, ...Object.values(w.keys)]) {
        const parsed = parseSecret(s);
        expect(dump).not.toContain(s);
        if (parsed) expect(dump).not.toContain(parsed.random);
      }
      expect(dump).not.toContain('"pw"');
    }
    const diff = [...expected].filter(([k, v]) => actual.get(k) !== v && !(NOT_YET.has(`${lang}|${k.replace(/\|.*\|/, '|')}`) && actual.get(k)!.startsWith('unexpected'))).map(([k, v]) => `${k}: expected ${v}, got ${actual.get(k)}`);
    expect(diff).toEqual([]);
    const values = [...actual.values()];
    const denied = values.filter((v) => v === '✗' || v === 'none').length;
    const unauthorized = values.filter((v) => v === '401').length;
    const notYet = values.filter((v) => v.startsWith('unexpected')).length;
    console.log(
      `attack matrix ${lang}: ${actual.size} cases (${PRINCIPALS.length} principals × ${lang === 'fql10' ? '5' : '4'} operations × 7 kinds), ` +
        `${denied} denied, ${unauthorized} unauthorized, ${actual.size - denied - unauthorized - notYet} allowed, ${notYet} not offered yet; ` +
        `${unchangedChecks} refused writes left the store unchanged`,
    );
    expect(actual.size).toBe(expected.size);
    expect(actual.size).toBe(lang === 'fql10' ? PRINCIPALS.length * OPS.length * KINDS.length : PRINCIPALS.length * 4 * 7);
  });
});
