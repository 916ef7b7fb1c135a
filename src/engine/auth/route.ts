// Which database a secret opens (fauna-auth-semantics §1.3, §1.4, §8). A child database is its
// own store (store/children.ts), named in its parent by a `Database` document that carries the
// child's `global_id`. A secret reaches a child three ways: a token minted there embeds the
// child's global id; a key stored in the parent with `database: "child"` opens that child; an
// admin key descends by path, `secret:child` or `secret:child:role`. Keys made inside a child
// are found by looking in each child. One level of children is routed; deeper databases exist
// as definitions only.
import { KEY } from '../store/records';
import type { QueryTx } from '../store/query-tx';
import { Unauthorized, authenticate, keyField, scoped, type Principal } from './principal';
import { parseSecret } from './secret';

export const DATABASE = 'Database';

/** Begins a transaction in the child database with this global id (its store made on first use). */
export type EnterChild = (globalId: string) => Promise<QueryTx>;

export interface Routed {
  tx: QueryTx;
  principal: Principal;
}

const ROLE_SCOPE = /^(admin|server|server-readonly|client|@role\/.+|@doc\/.+)$/;

/** The child's global id, from its definition in `tx`'s database; undefined if there is none. */
export async function childId(tx: QueryTx, name: string): Promise<string | undefined> {
  const def = await tx.getDoc(DATABASE, name, true);
  return def ? keyField(def, 'global_id') : undefined;
}

export async function authenticateRouted(
  root: QueryTx,
  secret: string,
  adminSecret: string | undefined,
  constantTimeEqual: (a: string, b: string) => boolean,
  enter: EnterChild,
): Promise<Routed> {
  const [base = '', ...scope] = secret.split(':');
  const parsed = parseSecret(base);
  // A token names its database: the root's, or a child's.
  if (parsed?.kind === 'token' && parsed.databaseId !== root.globalId) {
    const child = (await root.scanCollection(DATABASE)).find((d) => keyField(d, 'global_id') === parsed.databaseId);
    if (!child) throw new Unauthorized();
    const tx = await enter(parsed.databaseId!);
    return { tx, principal: await authenticate(tx, secret, undefined, constantTimeEqual) };
  }
  // A key made inside a child lives there, not in the root.
  if (parsed?.kind === 'key' && !(await root.getDoc(KEY, parsed.id, true))) {
    for (const def of await root.scanCollection(DATABASE)) {
      const id = keyField(def, 'global_id');
      if (!id) continue;
      const tx = await enter(id);
      if (await tx.getDoc(KEY, parsed.id, true)) return { tx, principal: await authenticate(tx, secret, undefined, constantTimeEqual) };
    }
    throw new Unauthorized();
  }
  // `secret:child[:role]`: only an admin key of the root descends, one level.
  // Token secrets ignore any suffix.
  const path = parsed?.kind !== 'token' && scope[0] !== undefined && scope[0] !== '' && !ROLE_SCOPE.test(scope[0]) ? scope[0] : undefined;
  if (path !== undefined) {
    const key = await authenticate(root, base, adminSecret, constantTimeEqual);
    if (key.kind !== 'key' || key.role !== 'admin' || key.database !== undefined || path.includes('/') || scope.length > 2) throw new Unauthorized();
    const id = await childId(root, path);
    if (!id) throw new Unauthorized();
    const tx = await enter(id);
    const inChild: Principal = { ...key, database: path };
    return { tx, principal: scope[1] ? await scoped(tx, inChild, true, [scope[1]]) : inChild };
  }
  const principal = await authenticate(root, secret, adminSecret, constantTimeEqual);
  if (principal.kind === 'key' && principal.database !== undefined) {
    const id = await childId(root, principal.database);
    if (!id) throw new Unauthorized();
    return { tx: await enter(id), principal };
  }
  return { tx: root, principal };
}
