// Object and path functions (ObjectFunctions.scala, ConversionFunctions.scala, the Contains*
// family of BasicFunctions.scala): Merge, ToArray, ToObject, ContainsPath, ContainsField,
// ContainsValue, Contains, SelectAll.
import { Doc, type ObjectV, type Value } from '../values/value';
import { castString, fail, invalidArgument, v4Type, valuesEqual } from './casts';
import { arg, optArg, type Arg, type Form } from './form';
import { applyClosure, lambdaSlot } from './lambda';
import { V4Page } from './paginate';
import { castPath, valueAtPath } from './select';
import { docAsObject } from '../wire/v4-json';

const objectOf = (v: Value): ObjectV | undefined => (v instanceof Doc ? docAsObject(v) : v instanceof Map && !(v instanceof V4Page) ? v : v instanceof V4Page ? v : undefined);

function castObj(a: Arg): ObjectV {
  return objectOf(a.value) ?? invalidArgument(['Object'], a.value, a.node, a.pos);
}

const mergeForm: Form = {
  keys: ['merge', 'with'],
  optional: ['lambda'],
  call: true,
  lambdaKeys: ['lambda'],
  async run(ev, node, pos, env) {
    const left = castObj(await arg(ev, node, 'merge', pos, env));
    const w = await arg(ev, node, 'with', pos, env);
    const rights: ObjectV[] = Array.isArray(w.value)
      ? w.value.map((v, i) => castObj({ value: v, node: w.node.kind === 'array' ? (w.node.items[i] ?? w.node) : w.node, pos: [...w.pos, i] }))
      : [castObj(w)];
    const closure = node.entries.some(([k]) => k === 'lambda') ? lambdaSlot(node, 'lambda', pos, env) : undefined;
    const out: ObjectV = new Map(left);
    for (const right of rights) {
      for (const [k, r] of right) {
        const v = closure ? await applyClosure(ev, closure, [k, out.get(k) ?? null, r]) : r;
        if (v === null) out.delete(k);
        else out.set(k, v);
      }
    }
    return out;
  },
};

const toArrayForm: Form = {
  keys: ['to_array'],
  call: true,
  async run(ev, node, pos, env) {
    const a = await arg(ev, node, 'to_array', pos, env);
    if (Array.isArray(a.value)) return a.value;
    const o = objectOf(a.value);
    if (o) return [...o].map(([k, v]) => [k, v]);
    return fail('invalid argument', `Cannot cast ${v4Type(a.value)} to Array.`, a.node, a.pos);
  },
};

const toObjectForm: Form = {
  keys: ['to_object'],
  call: true,
  async run(ev, node, pos, env) {
    const a = await arg(ev, node, 'to_object', pos, env);
    const o = objectOf(a.value);
    if (o) return o;
    if (!Array.isArray(a.value)) return fail('invalid argument', `Cannot cast ${v4Type(a.value)} to Object.`, a.node, a.pos);
    const out: ObjectV = new Map();
    for (const [i, f] of a.value.entries()) {
      const at = [...a.pos, i];
      if (!Array.isArray(f) || f.length !== 2 || typeof f[0] !== 'string') {
        return invalidArgument(['Field'], f, a.node.kind === 'array' ? (a.node.items[i] ?? a.node) : a.node, at);
      }
      out.set(f[0], f[1]!);
    }
    return out;
  },
};

const containsPath = (key: 'contains_path' | 'contains'): Form => ({
  keys: [key, 'in'],
  call: true,
  async run(ev, node, pos, env) {
    const path = castPath(await arg(ev, node, key, pos, env));
    const from = await arg(ev, node, 'in', pos, env);
    return (await valueAtPath(ev.tx, from, path)) !== undefined;
  },
});

const containsField: Form = {
  keys: ['contains_field', 'in'],
  call: true,
  async run(ev, node, pos, env) {
    const f = await arg(ev, node, 'contains_field', pos, env);
    const name = castString(f.value, f.node, f.pos);
    const from = await arg(ev, node, 'in', pos, env);
    return (await valueAtPath(ev.tx, from, [name])) !== undefined;
  },
};

const containsValue: Form = {
  keys: ['contains_value', 'in'],
  call: true,
  async run(ev, node, pos, env) {
    const v = (await arg(ev, node, 'contains_value', pos, env)).value;
    const from = (await arg(ev, node, 'in', pos, env)).value;
    const o = objectOf(from);
    const values = Array.isArray(from) ? from : o ? [...o.values()] : [];
    return values.some((x) => valuesEqual(x, v));
  },
};

const selectAllForm: Form = {
  keys: ['select_all', 'from'],
  optional: ['default'],
  call: true,
  async run(ev, node, pos, env) {
    const path = castPath(await arg(ev, node, 'select_all', pos, env));
    const from = await arg(ev, node, 'from', pos, env);
    await optArg(ev, node, 'default', pos, env);
    const out: Value[] = [];
    const walk = (v: Value, i: number): void => {
      if (i === path.length) {
        out.push(v);
        return;
      }
      if (Array.isArray(v) && typeof path[i] === 'string') {
        for (const x of v) walk(x, i);
        return;
      }
      const o = objectOf(v);
      const p = path[i]!;
      const next = typeof p === 'string' ? o?.get(p) : Array.isArray(v) ? v[p] : undefined;
      if (next !== undefined) walk(next, i + 1);
    };
    walk(from.value, 0);
    return out;
  },
};

export const OBJECT_FORMS: Record<string, Form> = {
  merge: mergeForm,
  to_array: toArrayForm,
  to_object: toObjectForm,
  contains_path: containsPath('contains_path'),
  contains: containsPath('contains'),
  contains_field: containsField,
  contains_value: containsValue,
  select_all: selectAllForm,
};
