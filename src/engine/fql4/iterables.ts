// Functions over arrays, pages and sets (ArrayFunctions.scala, ReduceFunctions.scala,
// SetFunctions.scala in the core): Map, Foreach, Filter, Reduce, Take, Drop, Prepend, Append,
// Count, Sum, Mean, Any, All, Max, Min, IsEmpty, IsNonEmpty, Reverse, Distinct, Union,
// Intersection, Difference. Map and Foreach take arrays and pages (a page keeps its cursors);
// the folds and Filter take sets too, reading all of the set.
import { Double, Module, type Value } from '../values/value';
import type { Path, V4Node } from './ast';
import { castBoolean, castInteger, expected, fail, invalidArgument, long, valuesEqual } from './casts';
import { arg, type Arg, type Evaluator, type Form } from './form';
import { applyClosure, lambdaSlot, type Closure } from './lambda';
import { V4Page } from './paginate';
import { V4Set, combineSets, compareValues, distinctSet, literalOf, nativeSet, reverseSet } from './sets';

/** An evaluated iterable argument. */
export type Iter = { kind: 'array'; items: Value[] } | { kind: 'page'; page: V4Page } | { kind: 'set'; set: V4Set };

const ITERABLE = 'Array, Set, or Page';

/** The core's Iterable cast: an array, a page, or a set (native handles read as sets). */
export function castIterable(ev: Evaluator, a: Arg, what = [ITERABLE]): Iter {
  const v = a.value;
  if (Array.isArray(v)) return { kind: 'array', items: v };
  if (v instanceof V4Page) return { kind: 'page', page: v };
  if (v instanceof V4Set) return { kind: 'set', set: v };
  if (v instanceof Module && v.kind !== 'user-collection') {
    const s = nativeSet(ev, v.name);
    if (s) return { kind: 'set', set: s };
  }
  return invalidArgument(what, v, a.node, a.pos);
}

/** Array or Page only (Map, Foreach, Take, Drop). */
function castArrayOrPage(ev: Evaluator, a: Arg): Exclude<Iter, { kind: 'set' }> {
  const it = castIterable(ev, a, ['Array or Page']);
  if (it.kind === 'set') return fail('invalid argument', 'Array or Page expected, Set provided.', a.node, a.pos);
  return it;
}

/** Every element of an iterable: a set is read whole. */
export async function elementsOf(it: Iter): Promise<Value[]> {
  if (it.kind === 'array') return it.items;
  if (it.kind === 'page') return it.page.data;
  return (await it.set.load()).map(literalOf);
}

const lambdaOf = (node: Parameters<Form['run']>[1], key: string, pos: Path, env: Parameters<Form['run']>[3]): Closure =>
  lambdaSlot(node, key, pos, env);

async function mapAll(ev: Evaluator, c: Closure, items: Value[]): Promise<Value[]> {
  const out: Value[] = [];
  for (const v of items) out.push(await applyClosure(ev, c, v));
  return out;
}

const mapForm: Form = {
  keys: ['map', 'collection'],
  call: true,
  lambdaKeys: ['map'],
  async run(ev, node, pos, env) {
    const c = lambdaOf(node, 'map', pos, env);
    const it = castArrayOrPage(ev, await arg(ev, node, 'collection', pos, env));
    if (it.kind === 'array') return mapAll(ev, c, it.items);
    return it.page.withData(await mapAll(ev, c, it.page.data));
  },
};

const foreachForm: Form = {
  keys: ['foreach', 'collection'],
  call: true,
  lambdaKeys: ['foreach'],
  async run(ev, node, pos, env) {
    const c = lambdaOf(node, 'foreach', pos, env);
    const a = await arg(ev, node, 'collection', pos, env);
    const it = castArrayOrPage(ev, a);
    await mapAll(ev, c, it.kind === 'array' ? it.items : it.page.data);
    return a.value;
  },
};

const filterForm: Form = {
  keys: ['filter', 'collection'],
  call: true,
  lambdaKeys: ['filter'],
  async run(ev, node, pos, env) {
    const c = lambdaOf(node, 'filter', pos, env);
    const it = castIterable(ev, await arg(ev, node, 'collection', pos, env));
    const keep = async (v: Value) => castBoolean(await applyClosure(ev, c, v), node, pos);
    if (it.kind === 'array') {
      const out: Value[] = [];
      for (const v of it.items) if (await keep(v)) out.push(v);
      return out;
    }
    if (it.kind === 'page') {
      const data: Value[] = [];
      const cursors: Value[][] = [];
      for (let i = 0; i < it.page.data.length; i++) {
        if (!(await keep(it.page.data[i]!))) continue;
        data.push(it.page.data[i]!);
        cursors.push(it.page.cursors[i] ?? []);
      }
      return it.page.withData(data, cursors);
    }
    // A filtered set stays a set: the lambda runs when it is read.
    const set = it.set;
    const text = `Filter(${set.v4Text}, ${c.lambda.v4Text.replace(/^Query\((.*)\)$/s, '$1')})`;
    const filtered = new V4Set(
      text,
      async () => {
        const out = [];
        for (const e of await set.load()) if (await keep(literalOf(e))) out.push(e);
        return out;
      },
      set.desc,
      set.reversed,
    );
    filtered.expr = { kind: 'filter', lambdaWire: c.lambda.wire, set };
    return filtered;
  },
};

const reduceForm: Form = {
  keys: ['reduce', 'initial', 'collection'],
  call: true,
  lambdaKeys: ['reduce'],
  async run(ev, node, pos, env) {
    const c = lambdaOf(node, 'reduce', pos, env);
    let acc = (await arg(ev, node, 'initial', pos, env)).value;
    const items = await elementsOf(castIterable(ev, await arg(ev, node, 'collection', pos, env)));
    for (const v of items) acc = await applyClosure(ev, c, [acc, v]);
    return acc;
  },
};

/** `Take`/`Drop` on a page move its cursors to the first element left out / kept (TakeFunction). */
const takeDrop = (key: 'take' | 'drop'): Form => ({
  keys: [key, 'collection'],
  call: true,
  async run(ev, node, pos, env) {
    const n = await arg(ev, node, key, pos, env);
    const count = Number(castInteger(n.value, n.node, n.pos));
    const it = castArrayOrPage(ev, await arg(ev, node, 'collection', pos, env));
    const cut = (xs: Value[]) => (key === 'take' ? (count < 0 ? [] : xs.slice(0, count)) : count < 0 ? xs : xs.slice(count));
    if (it.kind === 'array') return cut(it.items);
    const p = it.page;
    if (key === 'take') {
      const after = count < 0 ? p.before : (p.cursors[count] ?? p.after);
      return V4Page.of(p.before, after, cut(p.data), cut(p.cursors) as Value[][]);
    }
    const kept = cut(p.cursors) as Value[][];
    const before = count < 0 ? p.before : (kept[0] ?? p.after);
    return V4Page.of(before, p.after, cut(p.data), kept);
  },
});

/** `Prepend(elems, array)` / `Append(elems, array)`: one element or an array of them. */
const joinForm = (key: 'prepend' | 'append'): Form => ({
  keys: [key, 'collection'],
  call: true,
  async run(ev, node, pos, env) {
    const e = await arg(ev, node, key, pos, env);
    const coll = await arg(ev, node, 'collection', pos, env);
    if (!Array.isArray(coll.value)) return invalidArgument(['Array'], coll.value, coll.node, coll.pos);
    const elems = Array.isArray(e.value) ? e.value : [e.value];
    return key === 'prepend' ? [...elems, ...coll.value] : [...coll.value, ...elems];
  },
});

type Num = { int: bigint } | { dbl: number };

function castNumber(v: Value, node: V4Node, pos: Path): Num {
  if (typeof v === 'number' || typeof v === 'bigint') return { int: BigInt(v) };
  if (v instanceof Double) return { dbl: v.value };
  return invalidArgument(['Number'], v, node, pos);
}

/** Reads an iterable argument whole, billing one compute unit per element scanned. */
async function scanned(ev: Evaluator, node: Parameters<Form['run']>[1], key: string, pos: Path, env: Parameters<Form['run']>[3]) {
  const a = await arg(ev, node, key, pos, env);
  return { a, items: await elementsOf(castIterable(ev, a)) };
}

const countForm: Form = {
  keys: ['count'],
  call: true,
  async run(ev, node, pos, env) {
    const { items } = await scanned(ev, node, 'count', pos, env);
    if (items.length) ev.tx.metrics.compute(items.length);
    return long(BigInt(items.length));
  },
};

const sumLike = (key: 'sum' | 'mean'): Form => ({
  keys: [key],
  call: true,
  async run(ev, node, pos, env) {
    const { a, items } = await scanned(ev, node, key, pos, env);
    let int = 0n;
    let dbl: number | undefined;
    for (const v of items) {
      const n = castNumber(v, a.node, a.pos);
      if ('int' in n) {
        if (dbl === undefined) int += n.int;
        else dbl += Number(n.int);
      } else {
        dbl = (dbl ?? Number(int)) + n.dbl;
      }
    }
    if (items.length) ev.tx.metrics.compute(items.length);
    if (key === 'sum') return dbl === undefined ? long(int) : new Double(dbl);
    if (items.length === 0) return fail('invalid argument', 'Non-empty array expected.', a.node, a.pos);
    return new Double((dbl ?? Number(int)) / items.length);
  },
});

const boolFold = (key: 'any' | 'all'): Form => ({
  keys: [key],
  call: true,
  async run(ev, node, pos, env) {
    const { a, items } = await scanned(ev, node, key, pos, env);
    let acc = key === 'all';
    for (const v of items) {
      const b = castBoolean(v, a.node, a.pos);
      acc = key === 'all' ? acc && b : acc || b;
    }
    if (items.length) ev.tx.metrics.compute(items.length);
    return acc;
  },
});

/** `Max`/`Min` in the index order of values; `Max([[1, 2]])` reads the inner array. */
const extreme = (key: 'max' | 'min'): Form => ({
  keys: [key],
  call: true,
  async run(ev, node, pos, env) {
    const a = await arg(ev, node, key, pos, env);
    let it = castIterable(ev, a);
    if (it.kind === 'array' && it.items.length === 1) {
      const only = it.items[0]!;
      if (Array.isArray(only) || only instanceof V4Page || only instanceof V4Set) it = castIterable(ev, { ...a, value: only });
    }
    const items = await elementsOf(it);
    if (items.length === 0) return fail('invalid argument', 'Non-empty array expected.', a.node, a.pos);
    return items.reduce((acc, v) => {
      const c = compareValues(acc, v);
      return key === 'max' ? (c > 0 ? acc : v) : c < 0 ? acc : v;
    });
  },
});

const emptiness = (key: 'is_empty' | 'is_nonempty'): Form => ({
  keys: [key],
  call: true,
  async run(ev, node, pos, env) {
    const { items } = await scanned(ev, node, key, pos, env);
    return key === 'is_empty' ? items.length === 0 : items.length > 0;
  },
});

const reverseForm: Form = {
  keys: ['reverse'],
  call: true,
  async run(ev, node, pos, env) {
    const it = castIterable(ev, await arg(ev, node, 'reverse', pos, env));
    if (it.kind === 'array') return [...it.items].reverse();
    if (it.kind === 'set') return reverseSet(it.set);
    const p = it.page;
    return V4Page.of(p.after, p.before, [...p.data].reverse(), [...p.cursors].reverse());
  },
};

function distinctValues(items: Value[]): Value[] {
  const out: Value[] = [];
  for (const v of items) if (!out.some((x) => valuesEqual(x, v))) out.push(v);
  return out;
}

const distinctForm: Form = {
  keys: ['distinct'],
  call: true,
  async run(ev, node, pos, env) {
    const it = castIterable(ev, await arg(ev, node, 'distinct', pos, env));
    if (it.kind === 'array') return distinctValues(it.items);
    if (it.kind === 'set') return distinctSet(it.set);
    return it.page.withData(distinctValues(it.page.data));
  },
};

/** Union, Intersection, Difference: all sets (a set), or all arrays (an array). */
const setAlgebra = (key: 'union' | 'intersection' | 'difference', name: 'Union' | 'Intersection' | 'Difference'): Form => ({
  keys: [key],
  call: true,
  async run(ev, node, pos, env) {
    const a = await arg(ev, node, key, pos, env);
    const body = node.entries.find(([k]) => k === key)![1];
    const args: Arg[] =
      body.kind === 'array' && Array.isArray(a.value)
        ? a.value.map((value, i) => ({ value, node: body.items[i]!, pos: [...a.pos, i] }))
        : [a];
    if (args.length === 0) return fail('invalid argument', 'Non-empty array expected.', a.node, a.pos);
    const iters = args.map((x) => {
      const it = castIterable(ev, x, ['Set', 'Array']);
      if (it.kind === 'page') return fail('invalid argument', 'Set or Array expected, Page provided.', x.node, x.pos);
      return it;
    });
    // One array argument that is not an array of sets is itself the only operand.
    if (iters.every((i) => i.kind === 'set')) return combineSets(ev, name, iters.map((i) => (i as { set: V4Set }).set));
    const arrays = iters.map((it, i) =>
      it.kind === 'array' ? it.items : fail('invalid argument', expected(['Array'], args[i]!.value), args[i]!.node, args[i]!.pos),
    );
    const [first, ...rest] = arrays;
    if (name === 'Union') return distinctValues(arrays.flat());
    if (name === 'Intersection') return distinctValues(first!.filter((v) => rest.every((r) => r.some((x) => valuesEqual(x, v)))));
    return distinctValues(first!.filter((v) => rest.every((r) => !r.some((x) => valuesEqual(x, v)))));
  },
});

export const ITERABLE_FORMS: Record<string, Form> = {
  map: mapForm,
  foreach: foreachForm,
  filter: filterForm,
  reduce: reduceForm,
  take: takeDrop('take'),
  drop: takeDrop('drop'),
  prepend: joinForm('prepend'),
  append: joinForm('append'),
  count: countForm,
  sum: sumLike('sum'),
  mean: sumLike('mean'),
  any: boolFold('any'),
  all: boolFold('all'),
  max: extreme('max'),
  min: extreme('min'),
  is_empty: emptiness('is_empty'),
  is_nonempty: emptiness('is_nonempty'),
  reverse: reverseForm,
  distinct: distinctForm,
  union: setAlgebra('union', 'Union'),
  intersection: setAlgebra('intersection', 'Intersection'),
  difference: setAlgebra('difference', 'Difference'),
};

