// What a principal may do (fauna-auth-semantics §5). Built-in roles follow Fauna's capability
// table; a token (or `@doc` key) gets the identity baseline — read and delete its own tokens,
// read its own credential — plus every user role whose membership takes its identity; a key with
// a user role gets that role's privileges. Privileges of several roles are unioned; an action is
// `true` or a predicate (FQL lambda text) evaluated read-only.
import { decode } from '../store/codec';
import type { QueryTx } from '../store/query-tx';
import { CREDENTIAL, KEY, ROLE, TOKEN } from '../store/records';
import { Doc, DocRef, type Value } from '../values/value';
import type { Principal } from './principal';

export type Action = 'read' | 'create' | 'create_with_id' | 'write' | 'delete' | 'call' | 'history_read' | 'history_write' | 'unrestricted_read';
export const ACTIONS: Action[] = ['read', 'create', 'create_with_id', 'write', 'delete', 'call', 'history_read', 'history_write', 'unrestricted_read'];

/** Evaluates a predicate's lambda text with arguments, read-only; true only for `true`. */
export type PredicateRunner = (source: string, args: Value[]) => Promise<Value>;

/**
 * A predicate written in FQL v4 (`Query(Lambda(…))` given to `CreateRole`), stored in the role
 * document as `{lang: "fql4", lambda: "<the lambda's wire JSON>"}`. It is evaluated by the v4
 * evaluator whichever language runs the query: Fauna evaluates each predicate in its own language
 * with that language's arguments (RoleEvalAction.lambdaArgs: v4 gets refs and data, v10 docs).
 */
export interface V4Predicate {
  lang: 'fql4';
  lambda: string;
}

export type Predicate = string | V4Predicate;

/**
 * Runs a v4 predicate. `args` are what every caller hands `Access` (v10-shaped: documents, the
 * identity ref for membership); the runner derives v4's arguments from them and `action`.
 */
export type V4PredicateRunner = (
  lambda: string,
  action: Action | 'membership',
  args: Value[],
  principal: Principal,
  tx: QueryTx,
) => Promise<Value>;

let v4PredicateRunner: V4PredicateRunner | undefined;

/** Installed by the v4 evaluator when it loads; without it a v4 predicate grants nothing. */
export function registerV4PredicateRunner(run: V4PredicateRunner): void {
  v4PredicateRunner = run;
}

interface RoleDef {
  name: string;
  membership: Array<{ resource: string; predicate?: Predicate }>;
  privileges: Array<{ resource: string; actions: Partial<Record<Action, boolean | Predicate>> }>;
}

/** A stored predicate: v10 lambda text, or a v4 lambda (see V4Predicate). */
function predicateOf(v: Value | undefined): Predicate | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof Map && v.get('lang') === 'fql4' && typeof v.get('lambda') === 'string') {
    return { lang: 'fql4', lambda: v.get('lambda') as string };
  }
  return undefined;
}

const SECURITY = new Set([KEY, ROLE, 'Database', 'AccessProvider']);
const SCHEMA = new Set(['Collection', 'Function']);

export function roleFromRecord(id: string, data: unknown): RoleDef {
  const v = decode(data as never);
  const get = (m: Value, k: string) => (m instanceof Map ? m.get(k) : undefined);
  const membership = (get(v, 'membership') as Value[] | undefined) ?? [];
  const privileges = (get(v, 'privileges') as Value[] | undefined) ?? [];
  return {
    name: id,
    membership: (Array.isArray(membership) ? membership : [membership]).map((m) => {
      const p = predicateOf(get(m, 'predicate'));
      return { resource: String(get(m, 'resource')), ...(p !== undefined ? { predicate: p } : {}) };
    }),
    privileges: (Array.isArray(privileges) ? privileges : [privileges]).map((p) => {
      const actions: Partial<Record<Action, boolean | Predicate>> = {};
      const a = get(p, 'actions');
      if (a instanceof Map) {
        for (const [k, x] of a) {
          const pred = typeof x === 'boolean' ? x : predicateOf(x);
          if (pred !== undefined) actions[k as Action] = pred;
        }
      }
      return { resource: String(get(p, 'resource')), actions };
    }),
  };
}

export class Access {
  private roles?: Promise<RoleDef[]>;

  constructor(
    readonly principal: Principal,
    private readonly tx: QueryTx,
    private readonly predicate: PredicateRunner,
    /** Predicates and read-only contexts may not write. */
    readonly readOnly = false,
  ) {}

  /** The built-in role in force, if the principal is a key with one. */
  private get builtin(): string | undefined {
    return this.principal.kind === 'key' && ['admin', 'server', 'server-readonly', 'client'].includes(this.principal.role)
      ? this.principal.role
      : undefined;
  }

  get isAdmin(): boolean {
    return this.builtin === 'admin';
  }

  /** Keys, roles, databases, access providers. */
  canManageSecurity(): boolean {
    return !this.readOnly && this.builtin === 'admin';
  }

  /** Collections, indexes, function definitions. */
  async canManageSchema(action: Action, resource: string, args: Value[]): Promise<boolean> {
    if (this.readOnly) return false;
    if (this.builtin === 'admin' || this.builtin === 'server') return true;
    if (this.builtin) return false;
    return this.byRoles(action, resource, args);
  }

  async allows(action: Action, resource: string, args: Value[]): Promise<boolean> {
    const writes = action !== 'read' && action !== 'history_read' && action !== 'unrestricted_read' && action !== 'call';
    if (this.readOnly && writes) return false;
    const b = this.builtin;
    if (b === 'admin') return true;
    if (b === 'server') return !SECURITY.has(resource);
    if (b === 'server-readonly') return !writes && action !== 'call' && !SECURITY.has(resource);
    if (b === 'client') return false;
    if (SCHEMA.has(resource) && action !== 'read') return this.canManageSchema(action, resource, args);
    if (this.principal.kind === 'identity' && (await this.baseline(action, resource, args))) return true;
    return this.byRoles(action, resource, args);
  }

  /** Whether every document of `resource` is readable without looking at it (no predicate). */
  async readsAll(resource: string): Promise<boolean> {
    const b = this.builtin;
    if (b) return b !== 'client' && !SECURITY.has(resource);
    for (const role of await this.activeRoles()) {
      if (role.privileges.some((p) => p.resource === resource && p.actions.read === true)) return true;
    }
    return false;
  }

  /** A role-less identity: its own tokens (read, delete) and its own credential (read). */
  private async baseline(action: Action, resource: string, args: Value[]): Promise<boolean> {
    if (this.principal.kind !== 'identity') return false;
    const me = this.principal.identity.key;
    const doc = args[0];
    const instance = doc instanceof Doc ? doc.fields.get('document') : undefined;
    const mine = instance instanceof DocRef && instance.key === me;
    if (resource === TOKEN) return mine && (action === 'read' || action === 'delete');
    if (resource === CREDENTIAL) return mine && action === 'read';
    return false;
  }

  private async byRoles(action: Action, resource: string, args: Value[]): Promise<boolean> {
    for (const role of await this.activeRoles()) {
      for (const p of role.privileges) {
        if (p.resource !== resource) continue;
        const grant = p.actions[action];
        if (grant === true) return true;
        if (grant !== undefined && grant !== false && (await this.runPredicate(grant, action, args)) === true) return true;
      }
    }
    return false;
  }

  /** v10 text goes to this access's runner; a v4 lambda to the v4 evaluator. */
  private async runPredicate(pred: Predicate, action: Action | 'membership', args: Value[]): Promise<Value> {
    if (typeof pred === 'string') return this.predicate(pred, args);
    if (!v4PredicateRunner) return false;
    return v4PredicateRunner(pred.lambda, action, args, this.principal, this.tx);
  }

  private activeRoles(): Promise<RoleDef[]> {
    this.roles ??= this.loadRoles();
    return this.roles;
  }

  private async loadRoles(): Promise<RoleDef[]> {
    const p = this.principal;
    if (p.kind === 'key') {
      const rec = await this.tx.getDoc(ROLE, p.role, true);
      return rec ? [roleFromRecord(rec.id, rec.data)] : [];
    }
    const all = (await this.tx.scanCollection(ROLE)).map((r) => roleFromRecord(r.id, r.data));
    const out: RoleDef[] = [];
    for (const role of all) {
      for (const m of role.membership) {
        if (m.resource !== p.identity.coll) continue;
        if (!m.predicate || (await this.runPredicate(m.predicate, 'membership', [p.identity])) === true) {
          out.push(role);
          break;
        }
      }
    }
    return out;
  }
}
