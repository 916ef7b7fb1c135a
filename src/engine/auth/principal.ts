// Who runs a query. Every query runs under a secret: the database's admin key by default (the
// playground's own identity), or a key or token secret the user was given. Authentication turns a
// secret into a principal before anything is evaluated; a bad, expired or deleted secret, or a
// token whose identity is gone, is `unauthorized` and nothing runs.
import type { QueryTx } from '../store/query-tx';
import { KEY, TOKEN, type DocRecord } from '../store/records';
import { DocRef } from '../values/value';
import { parseSecret, secretMatches } from './secret';

export const BUILTIN_ROLES = ['admin', 'server', 'server-readonly', 'client'] as const;
export type BuiltinRole = (typeof BUILTIN_ROLES)[number];

export type Principal =
  /**
   * A key: a built-in role, or a user-defined role by name. `database` names the child database
   * it opens (its document lives in the parent: CurrentToken() cannot show it there).
   */
  | { kind: 'key'; role: string; keyId?: string; database?: string }
  /** A token, or an admin/server key scoped to a document (`secret:@doc/Coll/id`): an identity. */
  | { kind: 'identity'; identity: DocRef; tokenId?: string; keyId?: string };

/** The playground's default: the database's admin key. */
export const ADMIN: Principal = { kind: 'key', role: 'admin' };

export function describePrincipal(p: Principal): string {
  if (p.kind === 'key') return p.keyId ? `key ${p.keyId} (${p.role})` : `${p.role} key`;
  return p.tokenId ? `token ${p.tokenId} of ${p.identity.coll}("${p.identity.id}")` : `${p.identity.coll}("${p.identity.id}")`;
}

export class Unauthorized extends Error {
  constructor() {
    super('Access token required');
    this.name = 'Unauthorized';
  }
}

/**
 * Resolves a secret. `adminSecret` is the host's own admin key secret (the Node server's
 * `--secret`); key and token secrets are looked up by the id they embed and verified by hash.
 */
export async function authenticate(
  tx: QueryTx,
  secret: string,
  adminSecret: string | undefined,
  constantTimeEqual: (a: string, b: string) => boolean,
): Promise<Principal> {
  const [base, ...rawScope] = secret.split(':');
  // An empty or unparseable suffix is ignored, as Fauna's core does.
  const scopeParts = rawScope.filter((p) => p !== '' && /^(admin|server|server-readonly|client|@role\/.+|@doc\/.+|[A-Za-z0-9_/-]+)$/.test(p));
  if (!base) throw new Unauthorized();
  let principal: Principal | undefined;
  let scopable = false;
  if (adminSecret !== undefined && constantTimeEqual(base, adminSecret)) {
    principal = ADMIN;
    scopable = true;
  } else {
    const parsed = parseSecret(base);
    if (!parsed) throw new Unauthorized();
    if (parsed.kind === 'token') {
      // Token secrets ignore any suffix.
      if (parsed.databaseId !== tx.globalId) throw new Unauthorized();
      const token = await tx.getDoc(TOKEN, parsed.id, true);
      if (!token?.hashedSecret || !(await secretMatches(parsed.random, token.hashedSecret))) throw new Unauthorized();
      const identity = DocRef.fromKey(token.instance!);
      if (!(await tx.getDoc(identity.coll, identity.id, true))) throw new Unauthorized();
      return { kind: 'identity', identity, tokenId: token.id };
    }
    const key = await tx.getDoc(KEY, parsed.id, true);
    if (!key?.hashedSecret || !(await secretMatches(parsed.random, key.hashedSecret))) throw new Unauthorized();
    const role = keyRole(key);
    const database = keyField(key, 'database');
    principal = { kind: 'key', role, keyId: key.id, ...(database !== undefined ? { database } : {}) };
    scopable = role === 'admin' || role === 'server';
  }
  return scopeParts.length ? await scoped(tx, principal, scopable, scopeParts) : principal;
}

/** `secret:role`, `secret:@role/name`, `secret:@doc/Coll/id` (a database path is not supported offline). */
export async function scoped(tx: QueryTx, base: Principal, scopable: boolean, parts: string[]): Promise<Principal> {
  if (!scopable || base.kind !== 'key') throw new Unauthorized();
  const scope = parts[parts.length - 1]!;
  if (parts.length > 1) throw new Unauthorized();
  const doc = /^@doc\/([A-Za-z_][A-Za-z0-9_]*)\/(\d+)$/.exec(scope);
  if (doc) {
    if (!(await tx.getDoc(doc[1]!, doc[2]!, true))) throw new Unauthorized();
    return { kind: 'identity', identity: new DocRef(doc[1]!, doc[2]!), ...(base.keyId ? { keyId: base.keyId } : {}) };
  }
  // Only admin keys may switch role.
  if (base.role !== 'admin') throw new Unauthorized();
  if ((BUILTIN_ROLES as readonly string[]).includes(scope)) return { ...base, role: scope };
  const role = /^@role\/([A-Za-z_][A-Za-z0-9_-]*)$/.exec(scope);
  if (role && (await tx.getDoc('Role', role[1]!, true))) return { ...base, role: role[1]! };
  throw new Unauthorized();
}

function keyRole(key: DocRecord): string {
  return keyField(key, 'role') ?? 'admin';
}

/** A string field of a key (or database) document's stored fields. */
export function keyField(doc: DocRecord, field: string): string | undefined {
  const data = doc.data;
  if (data && typeof data === 'object' && !Array.isArray(data) && 'o' in data) {
    const v = data.o.find(([k]) => k === field)?.[1];
    if (typeof v === 'string') return v;
  }
  return undefined;
}

