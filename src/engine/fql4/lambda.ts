// v4 lambdas as values: `Query(Lambda(params, expr))` (the core's `query` form and LambdaL), the
// only place a lambda is an expression of its own in v4. Role predicates are such values: stored
// in the role document as the lambda's wire JSON and applied later by predicates.ts. Also the
// boolean forms predicates are written with (`And`, `Or`, `Not`).
//
// A lambda in `Query` must be closed (its variables are its parameters), like the lambdas the
// core stores; the display follows faunadb-js's `Expr.toString` (`Query(Lambda("ref", …))`).
import { Func, type Value } from '../values/value';
import { child, type Path, type V4Node, type V4Object } from './ast';
import { castBoolean, fail, invalidArgument } from './casts';
import { arg, type Env, type Evaluator, type Form } from './form';
import { parseWireFql4 } from './from-json';
import { wireJson } from './wire';

/** A parameter pattern: a name, `_` (ignored, null here), or an array of them. */
export type Pattern = string | null | Array<string | null>;

export class V4Lambda extends Func {
  /** The lambda's wire JSON: what a role document keeps. */
  readonly wire: string;
  /** How the v4 shell prints the value: `Query(Lambda("ref", …))`. */
  readonly v4Text: string;

  constructor(
    /** The `{"lambda": …, "expr": …}` node. */
    readonly node: V4Object,
    readonly pattern: Pattern,
  ) {
    super('<lambda>', () => Promise.reject(new Error('a v4 lambda is applied by the v4 evaluator')), arityOf(pattern));
    this.wire = wireJson(node);
    this.v4Text = `Query(${exprText(node)})`;
  }

  get body(): V4Node {
    return child(this.node, 'expr')!;
  }
}

function arityOf(p: Pattern): number {
  return Array.isArray(p) ? p.length : 1;
}

/** A lambda kept as wire JSON (a stored role predicate) as a value again. */
export function lambdaFromWire(text: string): V4Lambda {
  const node = parseWireFql4(JSON.parse(text), text).tree as V4Object;
  return new V4Lambda(node, patternOf(node, []));
}

const scalarType = (n: V4Node): string => {
  if (n.kind === 'array') return 'Array';
  if (n.kind === 'object') return 'Object';
  const v = n.value;
  if (v === null) return 'Null';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Double';
  return 'String';
};

/** The core's parseLambdaPat: a string, or an array of strings; `_` binds nothing. */
export function patternOf(lambda: V4Object, pos: Path): Pattern {
  const params = child(lambda, 'lambda')!;
  const at = [...pos, 'lambda'];
  const name = (n: V4Node, p: Path): string | null => {
    if (n.kind !== 'scalar' || typeof n.value !== 'string') {
      return fail('invalid expression', `String expected, ${scalarType(n)} provided.`, n, p);
    }
    return n.value === '_' ? null : n.value;
  };
  if (params.kind === 'array') return params.items.map((n, i) => name(n, [...at, i]));
  if (params.kind === 'scalar' && typeof params.value === 'string') return name(params, at);
  return fail('invalid expression', `String or Array expected, ${scalarType(params)} provided.`, params, at);
}

const boundNames = (p: Pattern): string[] => (Array.isArray(p) ? p : [p]).filter((x): x is string => x !== null);

/**
 * The static check of `{"query": …}`: its argument is a lambda whose body is checked with only
 * the lambda's own parameters in scope (a stored lambda cannot close over a `Let`).
 */
export function checkQuery(
  node: V4Object,
  pos: Path,
  check: (n: V4Node, pos: Path, scope: ReadonlySet<string>) => void,
): void {
  const body = child(node, 'query')!;
  const at = [...pos, 'query'];
  if (body.kind !== 'object') return fail('invalid expression', `Lambda expected, ${scalarType(body)} provided.`, body, at);
  const keys = body.entries.map(([k]) => k);
  if (keys.length !== 2 || !keys.includes('lambda') || !keys.includes('expr')) {
    fail('invalid expression', `No form/function found, or invalid argument keys: { ${keys.join(', ')} }.`, body, at);
  }
  const pattern = patternOf(body, at);
  check(child(body, 'expr')!, [...at, 'expr'], new Set(boundNames(pattern)));
}

/**
 * The static check of a lambda argument (`Map`, `Filter`, `Reduce`, `Merge`, …): it must be a
 * literal `Lambda(params, expr)` (the core's parseLambda), whose body sees the enclosing scope
 * and its parameters.
 */
export function checkLambdaSlot(
  node: V4Node,
  pos: Path,
  scope: ReadonlySet<string>,
  check: (n: V4Node, pos: Path, scope: ReadonlySet<string>) => void,
): void {
  if (node.kind !== 'object') return fail('invalid expression', `Lambda expected, ${scalarType(node)} provided.`, node, pos);
  const keys = node.entries.map(([k]) => k);
  if (keys.length !== 2 || !keys.includes('lambda') || !keys.includes('expr')) {
    fail('invalid expression', `No form/function found, or invalid argument keys: { ${keys.join(', ')} }.`, node, pos);
  }
  const pattern = patternOf(node, pos);
  check(child(node, 'expr')!, [...pos, 'expr'], new Set([...scope, ...boundNames(pattern)]));
}

/** A lambda argument with the variables it closes over and where it was written. */
export interface Closure {
  lambda: V4Lambda;
  env: Env;
  pos: Path;
}

/** The lambda under `key` of a form (checked statically by checkLambdaSlot). */
export function lambdaSlot(node: V4Object, key: string, pos: Path, env: Env): Closure {
  const n = child(node, key) as V4Object;
  const at = [...pos, key];
  return { lambda: new V4Lambda(n, patternOf(n, at)), env, pos: at };
}

/**
 * Applies a closure to one argument (an array for several parameters): one compute unit, as the
 * core bills each lambda application; a wrong arity fails at the lambda's position.
 */
export function applyClosure(ev: Evaluator, c: Closure, value: Value): Promise<Value> {
  ev.tx.metrics.compute();
  const bound = bindLambda(c.lambda, value, child(c.lambda.node, 'lambda')!, c.pos);
  const env = new Map(c.env);
  for (const [k, v] of bound) env.set(k, v);
  return ev.evalNode(c.lambda.body, [...c.pos, 'expr'], env);
}

/** Binds a lambda's parameters to one argument (an array for an array pattern). */
export function bindLambda(lambda: V4Lambda, value: Value, node: V4Node, pos: Path): Env {
  const env = new Map<string, Value>();
  const p = lambda.pattern;
  if (!Array.isArray(p)) {
    if (p !== null) env.set(p, value);
    return env;
  }
  if (!Array.isArray(value)) return invalidArgument(['Array'], value, node, pos);
  if (value.length !== p.length) {
    fail('invalid argument', `Lambda expects an array with ${p.length} elements. Array contains ${value.length}.`, node, pos);
  }
  p.forEach((name, i) => {
    if (name !== null) env.set(name, value[i]!);
  });
  return env;
}

/** Applies a lambda to one argument value. */
export function applyLambda(ev: Evaluator, lambda: V4Lambda, value: Value): Promise<Value> {
  const env = bindLambda(lambda, value, lambda.node, []);
  return ev.evalNode(lambda.body, ['expr'], env);
}

const queryForm: Form = {
  keys: ['query'],
  call: true,
  async run(_ev, node, pos) {
    const body = child(node, 'query') as V4Object;
    return new V4Lambda(body, patternOf(body, [...pos, 'query']));
  },
};

/** `And`/`Or` over one boolean or an array of them, left to right, stopping once decided. */
const junction = (key: 'and' | 'or'): Form => ({
  keys: [key],
  call: true,
  async run(ev, node, pos, env) {
    const body = child(node, key)!;
    const at = [...pos, key];
    if (body.kind !== 'array') {
      const one = await arg(ev, node, key, pos, env);
      const all = Array.isArray(one.value) ? one.value : [one.value];
      const bools = all.map((v) => castBoolean(v, one.node, one.pos));
      return key === 'and' ? bools.every(Boolean) : bools.some(Boolean);
    }
    if (body.items.length === 0) fail('invalid argument', 'Non-empty array expected.', body, at);
    for (let i = 0; i < body.items.length; i++) {
      const item = body.items[i]!;
      const b = castBoolean(await ev.evalNode(item, [...at, i], env), item, [...at, i]);
      if (b === (key === 'or')) return b;
    }
    return key === 'and';
  },
});

export const LAMBDA_FORMS: Record<string, Form> = {
  query: queryForm,
  and: junction('and'),
  or: junction('or'),
  not: {
    keys: ['not'],
    call: true,
    async run(ev, node, pos, env) {
      const a = await arg(ev, node, 'not', pos, env);
      return !castBoolean(a.value, a.node, a.pos);
    },
  },
};

// ---- display: faunadb-js's Expr.toString over the wire tree ------------------------------------

const VARARGS = new Set(['Do', 'Call', 'Union', 'Intersection', 'Difference', 'Equals', 'Add', 'BitAnd', 'BitOr', 'BitXor', 'Divide', 'Max', 'Min', 'Modulo', 'Multiply', 'Subtract', 'LT', 'LTE', 'GT', 'GTE', 'And', 'Or']);
const SPECIAL = new Map([
  ['gt', 'GT'],
  ['gte', 'GTE'],
  ['lt', 'LT'],
  ['lte', 'LTE'],
  ['ltrim', 'LTrim'],
  ['rtrim', 'RTrim'],
  ['ngram', 'NGram'],
]);

const camel = (k: string): string =>
  SPECIAL.get(k) ?? k.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');

const printObject = (entries: Array<[string, V4Node]>): string =>
  `{${entries.map(([k, v]) => `"${k}": ${exprText(v)}`).join(', ')}}`;

/** An expression as faunadb-js prints a decoded `@query` value. */
export function exprText(n: V4Node, caller?: string): string {
  if (n.kind === 'scalar') return typeof n.value === 'string' ? JSON.stringify(n.value) : String(n.value);
  if (n.kind === 'array') {
    const items = n.items.map((x) => exprText(x)).join(', ');
    return caller !== undefined && VARARGS.has(caller) ? items : `[${items}]`;
  }
  const get = (k: string) => child(n, k);
  if (get('let') && get('in')) {
    const b = get('let')!;
    const bindings =
      b.kind === 'array'
        ? `[${b.items.map((x) => (x.kind === 'object' ? printObject(x.entries) : exprText(x))).join(', ')}]`
        : b.kind === 'object'
          ? printObject(b.entries)
          : exprText(b);
    return `Let(${bindings}, ${exprText(get('in')!)})`;
  }
  const obj = get('object');
  if (obj && obj.kind === 'object') return printObject(obj.entries);
  if (get('lambda') && get('expr')) return `Lambda(${exprText(get('lambda')!)}, ${exprText(get('expr')!)})`;
  // Literals the driver decodes into values before printing them.
  const literal = n.entries.length === 1 ? n.entries[0]! : undefined;
  if (literal?.[0] === '@ts') return `Time(${exprText(literal[1])})`;
  if (literal?.[0] === '@date') return `Date(${exprText(literal[1])})`;
  if (literal?.[0] === '@ref' && literal[1].kind === 'scalar') return `Ref(${exprText(literal[1])})`;
  const fn = camel(n.entries[0]![0]);
  const args = n.entries
    .filter(([, v]) => !(v.kind === 'scalar' && v.value === null) || n.entries.length > 1)
    .map(([, v]) => exprText(v, fn));
  return `${fn}(${args.join(', ')})`;
}
