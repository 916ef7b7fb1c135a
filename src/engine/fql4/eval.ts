// Evaluates a v4 wire tree against a query transaction, the way Fauna's core does
// (ast/Parser.scala, ast/EvalContext.scala): a static pass first (forms, variable binding), then
// evaluation of forms matched by their JSON key sets. Errors are FqlErrors carrying the v4
// position path and the source span of the node they point at. Writes only go to the QueryTx
// buffer; committing (or not, on error) is the caller's business.
import { Access } from '../auth/access';
import { ADMIN, type Principal } from '../auth/principal';
import { FqlError } from '../errors';
import { Interpreter } from '../fql10/interpreter';
import type { QueryTx } from '../store/query-tx';
import { Double, type Value } from '../values/value';
import { child, type Path, type V4Node, type V4Object } from './ast';
import { AUTH_FORMS } from './auth-forms';
import { BASIC_FORMS } from './basic';
import { castBoolean, fail, long } from './casts';
import { arg, optArg, type Env, type Evaluator, type Form } from './form';
import { LAMBDA_FORMS, checkLambdaSlot, checkQuery } from './lambda';
import { SECURITY_FORMS } from './security';
import { castPath, valueAtPath } from './select';
import { UPDATE_FORMS } from './update';
import { WRITE_FORMS } from './writes';
import { CONVERSION_FORMS } from './conversions';
import { INDEX_FORMS } from './indexes';
import { ITERABLE_FORMS } from './iterables';
import { MATH_FORMS } from './math';
import { OBJECT_FORMS } from './objects';
import { paginateForm } from './paginate';
import { databasesForm, documentsForm } from './set-forms';
import { STRING_FORMS } from './strings';
import { UDF_FORMS } from './udf';

export interface Evaluated {
  value: Value;
  /** The result is a document this query created (v4 then answers HTTP 201). */
  created: boolean;
}

export async function evaluate(tree: V4Node, tx: QueryTx, principal: Principal = ADMIN): Promise<Evaluated> {
  checkForms(tree, [], new Set());
  const ev = new V4Evaluator(tx, principal);
  const value = await ev.evalNode(tree, [], new Map());
  return { value, created: typeof value === 'object' && value !== null && ev.createdDocs.has(value) };
}

export class V4Evaluator implements Evaluator {
  readonly createdDocs = new WeakSet<object>();
  readonly access: Access;

  constructor(
    readonly tx: QueryTx,
    readonly principal: Principal = ADMIN,
    /** Defaults to the principal's rights; v10-text role predicates run in the v10 interpreter. */
    access?: Access,
  ) {
    this.access = access ?? new Access(principal, tx, (src, args) => runV10Predicate(tx, principal, src, args));
  }

  withAccess(access: Access): V4Evaluator {
    const inner = new V4Evaluator(this.tx, this.principal, access);
    // Documents the UDF creates are still this query's creations.
    inner.created = (doc) => this.created(doc);
    return inner;
  }

  created(doc: Value): Value {
    if (typeof doc === 'object' && doc !== null) this.createdDocs.add(doc);
    return doc;
  }

  async evalNode(node: V4Node, pos: Path, env: Env): Promise<Value> {
    if (node.kind === 'scalar') return scalarValue(node.value);
    if (node.kind === 'array') {
      // In order: a later element sees an earlier element's writes.
      const out: Value[] = [];
      for (let i = 0; i < node.items.length; i++) out.push(await this.evalNode(node.items[i]!, [...pos, i], env));
      return out;
    }
    const form = formOf(node, pos);
    // Fauna bills one raw compute unit per function call (EvalContext: NativeCall).
    if (form.call) this.tx.metrics.compute();
    return form.run(this, node, pos, env);
  }
}

/** A role predicate written as v10 lambda text, for a v4 query: an error in it grants nothing. */
async function runV10Predicate(tx: QueryTx, principal: Principal, source: string, args: Value[]): Promise<Value> {
  try {
    return await new Interpreter(tx, source, [], principal).runPredicate(source, args);
  } catch (e) {
    if (e instanceof FqlError) return false;
    throw e;
  }
}

/** The form a JSON object denotes: the one whose key set it has (the core's MapRouter). */
function formOf(node: V4Object, pos: Path): Form {
  const keys = node.entries.map(([k]) => k);
  for (const k of keys) {
    const form = Object.prototype.hasOwnProperty.call(FORMS, k) ? FORMS[k]! : undefined;
    if (
      form &&
      form.keys.every((r) => keys.includes(r)) &&
      keys.every((x) => form.keys.includes(x) || (form.optional ?? []).includes(x))
    ) {
      return form;
    }
  }
  return fail('invalid expression', `No form/function found, or invalid argument keys: { ${keys.join(', ')} }.`, node, pos);
}

/**
 * A wire number as Fauna reads it: digits only → a 64-bit integer (kept as an Int when it fits
 * 32 bits), anything else (`1.5`, `1e+21`) → a double.
 */
export function scalarValue(v: null | boolean | string | number): Value {
  if (typeof v !== 'number') return v;
  const text = JSON.stringify(v);
  if (/^-?\d+$/.test(text)) {
    const n = BigInt(text);
    if (n >= -(2n ** 63n) && n < 2n ** 63n) return long(n);
  }
  return new Double(v);
}

/** The wire type name of a node, as the core's parse errors name it. */
function wireType(n: V4Node): string {
  if (n.kind === 'array') return 'Array';
  if (n.kind === 'object') return 'Object';
  const v = scalarValue(n.value);
  if (v === null) return 'Null';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'boolean') return 'Boolean';
  return v instanceof Double ? 'Double' : 'Integer';
}

/** A `let` form's bindings with their positions: an array of one-key objects, or one object. */
function bindingsOf(node: V4Object, pos: Path): Array<[string, V4Node, Path]> {
  const b = child(node, 'let')!;
  if (b.kind === 'object') return b.entries.map(([k, v]) => [k, v, [...pos, 'let', k]]);
  if (b.kind !== 'array') return fail('invalid expression', `Array expected, ${wireType(b)} provided.`, b, [...pos, 'let']);
  return b.items.map((item, i): [string, V4Node, Path] => {
    if (item.kind !== 'object' || item.entries.length !== 1) {
      fail('invalid expression', `Object expected, ${wireType(item)} provided.`, item, [...pos, 'let', i]);
    }
    const [k, v] = item.entries[0]!;
    return [k, v, [...pos, 'let', i, k]];
  });
}

/**
 * The core's parse-time checks (reported before anything is evaluated): every object is a
 * known form, `Var` names are strings bound by an enclosing `Let`, `Do` has expressions, object
 * bodies are objects. Literal escapes (`@ref`, `@ts`, `@date`) are data and not descended into.
 */
function checkForms(node: V4Node, pos: Path, scope: ReadonlySet<string>): void {
  if (node.kind === 'array') {
    node.items.forEach((n, i) => checkForms(n, [...pos, i], scope));
    return;
  }
  if (node.kind !== 'object') return;
  const form = formOf(node, pos);
  const [key, body] = node.entries.find(([k]) => k === form.keys[0])!;
  if (key.startsWith('@')) return;
  if (key === 'object') {
    if (body.kind !== 'object') fail('invalid expression', `Object expected, ${wireType(body)} provided.`, body, [...pos, key]);
    for (const [k, v] of body.entries) checkForms(v, [...pos, 'object', k], scope);
    return;
  }
  if (key === 'var') {
    if (body.kind !== 'scalar' || typeof body.value !== 'string') {
      fail('invalid expression', `String expected, ${wireType(body)} provided.`, body, [...pos, 'var']);
    }
    if (!scope.has(body.value)) fail('invalid expression', `Variable '${body.value}' is not defined.`, node, pos);
    return;
  }
  if (key === 'let') {
    let inner = new Set(scope);
    for (const [k, v, at] of bindingsOf(node, pos)) {
      checkForms(v, at, inner);
      inner = new Set(inner).add(k);
    }
    checkForms(child(node, 'in')!, [...pos, 'in'], inner);
    return;
  }
  if (key === 'query') {
    checkQuery(node, pos, checkForms);
    return;
  }
  if (key === 'do') {
    if (body.kind !== 'array') fail('invalid expression', `Array expected, ${wireType(body)} provided.`, body, [...pos, 'do']);
    if (body.items.length === 0) fail('invalid expression', 'Expression list cannot be empty.', body, [...pos, 'do']);
  }
  for (const [k, v] of node.entries) {
    if (form.lambdaKeys?.includes(k)) checkLambdaSlot(v, [...pos, k], scope, checkForms);
    else checkForms(v, [...pos, k], scope);
  }
}

const CONTROL_FORMS: Record<string, Form> = {
  object: {
    keys: ['object'],
    call: false,
    async run(ev, node, pos, env) {
      const body = child(node, 'object') as V4Object;
      const out = new Map<string, Value>();
      for (const [k, v] of body.entries) out.set(k, await ev.evalNode(v, [...pos, 'object', k], env));
      return out;
    },
  },
  var: {
    keys: ['var'],
    call: false,
    async run(_ev, node, _pos, env) {
      const name = child(node, 'var') as { value: string };
      return env.get(name.value)!;
    },
  },
  let: {
    keys: ['let', 'in'],
    call: false,
    async run(ev, node, pos, env) {
      let scope = env;
      for (const [k, v, at] of bindingsOf(node, pos)) scope = new Map(scope).set(k, await ev.evalNode(v, at, scope));
      return ev.evalNode(child(node, 'in')!, [...pos, 'in'], scope);
    },
  },
  if: {
    keys: ['if', 'then', 'else'],
    call: false,
    async run(ev, node, pos, env) {
      const cond = await arg(ev, node, 'if', pos, env);
      const key = castBoolean(cond.value, cond.node, cond.pos) ? 'then' : 'else';
      return ev.evalNode(child(node, key)!, [...pos, key], env);
    },
  },
  do: {
    keys: ['do'],
    call: false,
    async run(ev, node, pos, env) {
      const all = (await arg(ev, node, 'do', pos, env)).value as Value[];
      return all[all.length - 1] ?? null;
    },
  },
  select: {
    keys: ['select', 'from'],
    optional: ['default'],
    call: false,
    async run(ev, node, pos, env) {
      const path = await arg(ev, node, 'select', pos, env);
      const from = await arg(ev, node, 'from', pos, env);
      const elems = castPath(path);
      const found = await valueAtPath(ev.tx, from, elems);
      if (found !== undefined) return found;
      // The default is evaluated only when the path is missing.
      const dflt = await optArg(ev, node, 'default', pos, env);
      if (dflt) return dflt.value;
      return fail('value not found', `Value not found at path [${elems.join(',')}].`, from.node, from.pos);
    },
  },
};

const FORMS: Record<string, Form> = {
  ...ITERABLE_FORMS,
  ...OBJECT_FORMS,
  ...MATH_FORMS,
  ...STRING_FORMS,
  ...CONVERSION_FORMS,
  ...INDEX_FORMS,
  ...UDF_FORMS,
  paginate: paginateForm,
  documents: documentsForm,
  databases: databasesForm,
  ...CONTROL_FORMS,
  ...BASIC_FORMS,
  ...WRITE_FORMS,
  ...UPDATE_FORMS,
  ...AUTH_FORMS,
  ...SECURITY_FORMS,
  ...LAMBDA_FORMS,
};
