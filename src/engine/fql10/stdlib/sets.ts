// Sets: lazy sequences read on demand (`Customer.all()`, index matches, `Set.sequence`) and the
// methods on them. Transformations (`map`, `where`, `take`, …) stay lazy; consumers (`first`,
// `count`, `paginate`, a returned set's first page) pull only what they need. Reading a
// collection or an index bills its pages as they are consumed (partitions as in Fauna: 8 for
// `all()` and term-less indexes, 1 with terms); a set left over a page boundary gets a cursor
// that `Set.paginate` continues in a later query.
import type { Span } from '../../api';
import { FqlError } from '../../errors';
import { toBase64Url } from '../../auth/secret';
import { randomBytes } from '../../auth/random';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, SetV } from '../../values/set';
import { Doc, DocRef, Func, typeName, type Value } from '../../values/value';
import type { Interpreter } from '../interpreter';
import { equals } from '../operators';
import { arity, invalidArgument, type CallSpans } from './args';
import { Ordering, totalOrder } from './ordering';
import type { MethodTable, ModuleDef } from './registry';

/** Bytes of one set entry (a reference and its ts) in the cost model: 16,016 entries read as 180 ops. */
export const SET_ENTRY_BYTES = 44;

/** A predicate's verdict: null counts as false (Fauna's predicates return `Boolean | Null`). */
function truthy(v: Value, span: Span): boolean {
  if (v === null) return false;
  if (typeof v !== 'boolean') throw new FqlError('type_mismatch', `expected type: Boolean, received ${typeName(v)}`, span);
  return v;
}

/** A set over stored entries that bills what it consumes when the pass ends. */
export function billedSet(interp: Interpreter, partitions: number, load: () => Promise<Value[]>): SetV {
  return new SetV(async function* () {
    const items = await load();
    let consumed = 0;
    try {
      for (const v of items) {
        consumed++;
        yield v;
      }
    } finally {
      interp.tx.metrics.setRead(SET_ENTRY_BYTES * Math.min(items.length, consumed + 1), partitions);
    }
  });
}

/** `Coll.all()` with an optional `{ from, to }` range on document ids. */
export function collectionSet(interp: Interpreter, coll: string, range: Value, spans: CallSpans): SetV {
  let from: bigint | undefined;
  let to: bigint | undefined;
  if (range !== null) {
    if (!(range instanceof Map)) throw invalidArgument('range', `expected Object, received ${typeName(range)}`, spans.args[0]!);
    const bound = (k: string) => {
      const v = range.get(k);
      if (v === undefined || v === null) return undefined;
      const ref = v instanceof DocRef ? v.id : typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
      if (ref === undefined || !/^\d+$/.test(ref)) throw invalidArgument('range', `\`${k}\` must be a document or an id`, spans.args[0]!);
      return BigInt(ref);
    };
    from = bound('from');
    to = bound('to');
  }
  return billedSet(interp, 8, async () =>
    readable(
      interp,
      coll,
      (await interp.tx.scanCollection(coll))
        .filter((r) => (from === undefined || BigInt(r.id) >= from) && (to === undefined || BigInt(r.id) <= to))
        .map((r) => new DocRef(r.coll, r.id)),
    ),
  );
}

/** Sets leave out, silently, the documents the caller may not read (as in Fauna). */
export async function readable<R extends DocRef>(interp: Interpreter, coll: string, refs: R[]): Promise<R[]> {
  if (await interp.access.readsAll(coll)) return refs;
  const out: R[] = [];
  for (const r of refs) if ((await interp.resolve(r)) instanceof Doc) out.push(r);
  return out;
}

export function filterSet(interp: Interpreter, set: SetV, pred: Value, spans: CallSpans): SetV {
  const sites = interp.callSites();
  return new SetV(async function* () {
    for await (const v of set.iterate()) if (truthy(await interp.applyLazy(sites, pred, [v], spans.call), spans.call)) yield v;
  }, set.pageSize);
}

export async function firstOf(_interp: Interpreter, set: SetV): Promise<Value> {
  for await (const v of set.iterate()) return v;
  return null;
}

async function toArray(set: SetV): Promise<Value[]> {
  const out: Value[] = [];
  for await (const v of set.iterate()) out.push(v);
  return out;
}

/** A set over values already at hand (arrays, sorted results). */
export function setOf(items: Value[], pageSize = DEFAULT_PAGE_SIZE): SetV {
  return new SetV(async function* () {
    yield* items;
  }, pageSize);
}

function toSetArg(v: Value | undefined, span: Span): SetV {
  if (v instanceof SetV) return v;
  if (Array.isArray(v)) return setOf(v);
  throw invalidArgument('other', `expected Set or Array, received ${typeName(v ?? null)}`, span);
}

function intArg(name: string, v: Value | undefined, span: Span): number {
  if (typeof v !== 'number') throw invalidArgument(name, `expected Int, received ${typeName(v ?? null)}`, span);
  return v;
}

// ---- cursors ------------------------------------------------------------------------------

interface CursorEntry {
  set: SetV;
  offset: number;
  /** The page size the cursor was made with: later pages keep it unless given one. */
  size: number;
  interp: Interpreter;
  expires: number;
}

const CURSOR_TTL_MS = 30 * 60_000;
const MAX_CURSORS = 2000;
const cursors = new Map<string, CursorEntry>();

function remember(entry: Omit<CursorEntry, 'expires'>): string {
  const token = toBase64Url(randomBytes(18));
  cursors.set(token, { ...entry, expires: Date.now() + CURSOR_TTL_MS });
  while (cursors.size > MAX_CURSORS) cursors.delete(cursors.keys().next().value!);
  return token;
}

/** One page of a set from `offset`, and the cursor to the rest if there is a rest. */
export async function pageOf(interp: Interpreter, set: SetV, size: number, offset = 0): Promise<{ data: Value[]; after?: string }> {
  const data: Value[] = [];
  let index = 0;
  let more = false;
  for await (const v of set.iterate()) {
    if (index++ < offset) continue;
    if (data.length === size) {
      more = true;
      break;
    }
    data.push(v);
  }
  return more ? { data, after: remember({ set, offset: offset + size, size, interp }) } : { data };
}

/** A cursor to a whole set, from its first element (what an embedded set carries). */
export function cursorOf(interp: Interpreter, set: SetV): string {
  return remember({ set, offset: 0, size: set.pageSize, interp });
}

/** What a returned set shows: its first page as `{ data, after }`. */
export async function materializeSet(interp: Interpreter, set: SetV): Promise<Page> {
  const { data, after } = await pageOf(interp, set, set.pageSize);
  return new Page(data, after);
}

function pageObject(p: { data: Value[]; after?: string }): Value {
  const out = new Map<string, Value>([['data', p.data]]);
  if (p.after !== undefined) out.set('after', p.after);
  return out;
}

function sizeArg(v: Value | undefined, span: Span): number {
  const n = intArg('size', v, span);
  if (n < 1 || n > MAX_PAGE_SIZE) throw invalidArgument('size', `must be between 1 and ${MAX_PAGE_SIZE}`, span);
  return n;
}

// ---- methods ------------------------------------------------------------------------------

async function sorted(interp: Interpreter, set: SetV, orderings: Value[], spans: CallSpans): Promise<Value[]> {
  const items = await toArray(set);
  const keys: Array<{ fn?: Func; desc: boolean }> = orderings.length
    ? orderings.map((o, i) => {
        if (o instanceof Ordering) return { fn: o.key, desc: o.descending };
        if (o instanceof Func) return { fn: o, desc: false };
        throw invalidArgument('ordering', `expected a function or asc()/desc(), received ${typeName(o)}`, spans.args[i] ?? spans.call);
      })
    : [{ desc: false }];
  const withKeys = await Promise.all(
    items.map(async (v) => ({ v, k: await Promise.all(keys.map((k) => (k.fn ? interp.apply(k.fn, [v], spans.call) : v))) })),
  );
  const resolved = await Promise.all(withKeys.map(async (x) => ({ ...x, k: await Promise.all(x.k.map((k) => resolveForOrder(interp, k))) })));
  resolved.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const c = totalOrder(a.k[i]!, b.k[i]!);
      if (c !== 0) return keys[i]!.desc ? -c : c;
    }
    return 0;
  });
  return resolved.map((x) => x.v);
}

async function resolveForOrder(interp: Interpreter, v: Value): Promise<Value> {
  return v instanceof DocRef && (await interp.isNull(v)) ? null : v;
}

export const setMethods: MethodTable<SetV> = {
  map: (interp, set, args, spans) => {
    arity(args, 1, 1, spans);
    const sites = interp.callSites();
    return new SetV(async function* () {
      for await (const v of set.iterate()) yield await interp.applyLazy(sites, args[0]!, [v], spans.call);
    }, set.pageSize);
  },
  flatMap: (interp, set, args, spans) => {
    arity(args, 1, 1, spans);
    const sites = interp.callSites();
    return new SetV(async function* () {
      for await (const v of set.iterate()) {
        const inner = await interp.applyLazy(sites, args[0]!, [v], spans.call);
        if (inner instanceof SetV) yield* inner.iterate();
        else if (Array.isArray(inner)) yield* inner;
        else throw invalidArgument('func', `expected the function to return a Set or Array, got ${typeName(inner)}`, spans.call);
      }
    }, set.pageSize);
  },
  where: (interp, set, args, spans) => {
    arity(args, 1, 1, spans);
    return filterSet(interp, set, args[0]!, spans);
  },
  take: (_i, set, args, spans) => {
    arity(args, 1, 1, spans);
    const n = intArg('limit', args[0], spans.args[0]!);
    return new SetV(async function* () {
      if (n <= 0) return;
      let i = 0;
      for await (const v of set.iterate()) {
        yield v;
        if (++i >= n) return;
      }
    }, set.pageSize);
  },
  drop: (_i, set, args, spans) => {
    arity(args, 1, 1, spans);
    const n = intArg('amount', args[0], spans.args[0]!);
    return new SetV(async function* () {
      let i = 0;
      for await (const v of set.iterate()) if (i++ >= n) yield v;
    }, set.pageSize);
  },
  reverse: async (_i, set, args, spans) => {
    arity(args, 0, 0, spans);
    return setOf((await toArray(set)).reverse(), set.pageSize);
  },
  order: async (interp, set, args, spans) => setOf(await sorted(interp, set, args, spans), set.pageSize),
  distinct: (_i, set, args, spans) => {
    arity(args, 0, 0, spans);
    return new SetV(async function* () {
      const seen: Value[] = [];
      for await (const v of set.iterate()) {
        if (seen.some((s) => equals(s, v))) continue;
        seen.push(v);
        yield v;
      }
    }, set.pageSize);
  },
  concat: (_i, set, args, spans) => {
    arity(args, 1, 1, spans);
    const other = toSetArg(args[0], spans.args[0]!);
    return new SetV(async function* () {
      yield* set.iterate();
      yield* other.iterate();
    }, set.pageSize);
  },
  first: (interp, set, args, spans) => {
    arity(args, 0, 0, spans);
    return firstOf(interp, set);
  },
  last: async (_i, set, args, spans) => {
    arity(args, 0, 0, spans);
    const all = await toArray(set);
    return all.length ? all[all.length - 1]! : null;
  },
  firstWhere: (interp, set, args, spans) => {
    arity(args, 1, 1, spans);
    return firstOf(interp, filterSet(interp, set, args[0]!, spans));
  },
  lastWhere: async (interp, set, args, spans) => {
    arity(args, 1, 1, spans);
    const all = await toArray(filterSet(interp, set, args[0]!, spans));
    return all.length ? all[all.length - 1]! : null;
  },
  count: async (interp, set, args, spans) => {
    arity(args, 0, 0, spans);
    let n = 0;
    for await (const _v of set.iterate()) n++;
    interp.tx.metrics.compute(n);
    return n;
  },
  isEmpty: async (interp, set, args, spans) => {
    arity(args, 0, 0, spans);
    return (await firstOfRaw(set)) === undefined;
  },
  nonEmpty: async (interp, set, args, spans) => {
    arity(args, 0, 0, spans);
    return (await firstOfRaw(set)) !== undefined;
  },
  includes: async (_i, set, args, spans) => {
    arity(args, 1, 1, spans);
    for await (const v of set.iterate()) if (equals(v, args[0]!)) return true;
    return false;
  },
  any: async (interp, set, args, spans) => {
    arity(args, 1, 1, spans);
    for await (const v of set.iterate()) if (truthy(await interp.apply(args[0]!, [v], spans.call), spans.call)) return true;
    return false;
  },
  every: async (interp, set, args, spans) => {
    arity(args, 1, 1, spans);
    for await (const v of set.iterate()) if (!truthy(await interp.apply(args[0]!, [v], spans.call), spans.call)) return false;
    return true;
  },
  // Over a set's elements as the array method combines them (pairwise, then with the seed).
  aggregate: async (interp, set, args, spans) => {
    const { arrayCallbackMethods } = await import('./arrays-iter');
    return arrayCallbackMethods.aggregate!(interp, await toArray(set), args, spans);
  },
  fold: async (interp, set, args, spans) => {
    arity(args, 2, 2, spans);
    let acc: Value = args[0]!;
    for await (const v of set.iterate()) acc = await interp.apply(args[1]!, [acc, v], spans.call);
    return acc;
  },
  foldRight: async (interp, set, args, spans) => {
    arity(args, 2, 2, spans);
    let acc: Value = args[0]!;
    for (const v of (await toArray(set)).reverse()) acc = await interp.apply(args[1]!, [acc, v], spans.call);
    return acc;
  },
  reduce: async (interp, set, args, spans) => {
    arity(args, 1, 1, spans);
    let acc: Value = null;
    let started = false;
    for await (const v of set.iterate()) {
      acc = started ? await interp.apply(args[0]!, [acc, v], spans.call) : v;
      started = true;
    }
    return acc;
  },
  reduceRight: async (interp, set, args, spans) => {
    arity(args, 1, 1, spans);
    let acc: Value = null;
    let started = false;
    for (const v of (await toArray(set)).reverse()) {
      acc = started ? await interp.apply(args[0]!, [acc, v], spans.call) : v;
      started = true;
    }
    return acc;
  },
  toArray: async (interp, set, args, spans) => {
    arity(args, 0, 0, spans);
    const all = await toArray(set);
    interp.tx.metrics.compute(all.length);
    return all;
  },
  toSet: (_i, set, args, spans) => {
    arity(args, 0, 0, spans);
    return set;
  },
  forEach: async (interp, set, args, spans) => {
    arity(args, 1, 1, spans);
    for await (const v of set.iterate()) await interp.apply(args[0]!, [v], spans.call);
    return null;
  },
  pageSize: (_i, set, args, spans) => {
    arity(args, 1, 1, spans);
    return new SetV(set.iterate, sizeArg(args[0], spans.args[0]!));
  },
  paginate: async (interp, set, args, spans) => {
    arity(args, 0, 1, spans);
    const size = args.length ? sizeArg(args[0], spans.args[0]!) : set.pageSize;
    return pageObject(await pageOf(interp, set, size));
  },
  toString: () => '[set]',
  toStream: notOffline,
  eventSource: notOffline,
  eventsOn: notOffline,
  changesOn: notOffline,
};

function notOffline(_i: Interpreter, _s: SetV, _a: Value[], spans: CallSpans): never {
  throw new FqlError('disabled_feature', 'Event streams and feeds are not supported offline.', spans.call);
}

async function firstOfRaw(set: SetV): Promise<Value | undefined> {
  for await (const v of set.iterate()) return v;
  return undefined;
}

export const setModule: ModuleDef = {
  kind: 'builtin',
  methods: {
    paginate: async (interp, args, spans) => {
      arity(args, 1, 2, spans);
      const token = args[0];
      const entry = typeof token === 'string' ? cursors.get(token) : undefined;
      if (!entry || entry.expires < Date.now()) throw new FqlError('invalid_cursor', 'Cursor cursor is invalid or expired.', spans.call);
      const size = args.length > 1 ? sizeArg(args[1], spans.args[1]!) : entry.size;
      // The set's functions run in this query now: its reads and costs belong to this transaction.
      entry.interp.rebind(interp.tx);
      return pageObject(await pageOf(entry.interp, entry.set, size, entry.offset));
    },
    sequence: (_i, args, spans) => {
      arity(args, 2, 2, spans);
      const from = intArg('from', args[0], spans.args[0]!);
      const until = intArg('until', args[1], spans.args[1]!);
      return new SetV(async function* () {
        for (let i = from; i < until; i++) yield i;
      });
    },
    single: (_i, args, spans) => {
      arity(args, 1, 1, spans);
      return setOf([args[0]!]);
    },
  },
};
