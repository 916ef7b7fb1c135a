// Authorization for v4 forms: the shared `Access` (the same rules v10 enforces) asked with the
// same arguments v10 gives it — documents, shaped as v10 sees them — so role predicates of both
// languages get what they expect (a v4 predicate's refs and data are derived from them; see
// predicates.ts). Denials are v4's `permission denied` (HTTP 403), "Insufficient privileges to
// perform the action.", at the position the core reports (WriteAdaptor / ReadAdaptor).
import type { Action } from '../auth/access';
import { recordToDoc } from '../fql10/docs';
import type { DocRecord } from '../store/records';
import { Doc, DocRef, NullDoc, type ObjectV, type Value } from '../values/value';
import type { Path, V4Node } from './ast';
import { fail } from './casts';
import type { Evaluator } from './form';

export const PERMISSION_DENIED = 'Insufficient privileges to perform the action.';

export function permissionDenied(node: V4Node, pos: Path): never {
  return fail('permission denied', PERMISSION_DENIED, node, pos);
}

/** A stored record as the access rules see it (tokens and credentials show `document`). */
export function asDoc(rec: DocRecord): Doc {
  return recordToDoc(rec);
}

/** A document about to be created, for create checks made before it is validated and stored. */
export function pendingDoc(ev: Evaluator, coll: string, id: string, fields: ObjectV): Doc {
  return new Doc(new DocRef(coll, id), ev.tx.txnTs, fields);
}

/** Fails with `permission denied` at `pos` unless the caller may do `action` on `resource`. */
export async function requireAllowed(
  ev: Evaluator,
  action: Action,
  resource: string,
  args: Value[],
  node: V4Node,
  pos: Path,
): Promise<void> {
  if (!(await ev.access.allows(action, resource, args))) permissionDenied(node, pos);
}

/** Whether the caller may read a stored document; a missing one is judged by its ref alone. */
export async function canRead(ev: Evaluator, ref: DocRef, rec: DocRecord | null): Promise<boolean> {
  const arg = rec ? asDoc(rec) : new NullDoc(ref, 'not found');
  return ev.access.allows('read', ref.coll, [arg]);
}

/** Built-in keys with server rights (server, server-readonly): the core's "server" validators. */
export function isServerKey(ev: Evaluator): boolean {
  const p = ev.principal;
  return p.kind === 'key' && (p.role === 'server' || p.role === 'server-readonly');
}
