// v4 source text → the driver's wire tree (see ast.ts).
//
// v4 queries are JavaScript calling faunadb-js functions. The playground never evaluates that
// JavaScript (a shared link would be an XSS vector): acorn parses it, and only a whitelist of
// node types is translated — calls of FQL functions (optionally as `q.Name`), object and array
// literals, string/number/boolean/null literals, and arrow functions (the driver turns a JS
// function into a `Lambda`, calling it with a `Var` per parameter: so does this translation, with
// the parameters bound as variables in the body). Anything else is refused with its span.
// The translation mirrors what the driver's functions and its `wrap` do to their arguments, so
// the tree serialises to exactly the JSON the driver would POST.
import {
  parseExpressionAt,
  type ArrowFunctionExpression,
  tokTypes,
  tokenizer,
  type CallExpression,
  type Expression,
  type ObjectExpression,
  type Property,
  type SpreadElement,
} from 'acorn';
import type { Span } from '../api';
import { FqlError } from '../errors';
import type { Path, V4Array, V4Node, V4Object, V4Scalar } from './ast';
import { FUNCTIONS, DRIVER_NAMES, type ArgParser } from './functions';

const INVALID = 'invalid expression';
const ACORN = { ecmaVersion: 'latest', sourceType: 'script' } as const;

/** Parses a whole v4 query: one expression, optionally followed by semicolons. */
export function parseTree(source: string): V4Node {
  let expr: Expression;
  try {
    expr = parseExpressionAt(source, 0, ACORN);
  } catch (e) {
    throw syntaxError(source, e);
  }
  checkTail(source, expr.end);
  try {
    return parseExpr(expr, []);
  } catch (e) {
    throw tooDeep(source, e);
  }
}

/** Absurdly nested input exhausts the JS stack; report it instead of crashing the engine. */
function tooDeep(source: string, e: unknown): unknown {
  if (!(e instanceof RangeError)) return e;
  return new FqlError(INVALID, 'The query is nested too deeply.', { start: 0, end: source.length }, []);
}

function checkTail(source: string, end: number): void {
  try {
    for (const tok of tokenizer(source.slice(end), ACORN)) {
      if (tok.type === tokTypes.semi) continue;
      throw new FqlError(
        INVALID,
        'A v4 query is a single expression; remove what follows it.',
        { start: end + tok.start, end: source.length },
        [],
      );
    }
  } catch (e) {
    if (e instanceof FqlError) throw e;
    throw syntaxError(source, e, end);
  }
}

function syntaxError(source: string, e: unknown, offset = 0): unknown {
  if (!(e instanceof SyntaxError)) return tooDeep(source, e);
  const at = offset + ((e as SyntaxError & { pos?: number }).pos ?? 0);
  const message = e.message.replace(/ \(\d+:\d+\)$/, '');
  return new FqlError(INVALID, `SyntaxError: ${message}`, { start: at, end: Math.min(at + 1, source.length) }, []);
}

const span = (n: { start: number; end: number }): Span => ({ start: n.start, end: n.end });

function refuse(node: { start: number; end: number }, pos: Path, what: string): never {
  throw new FqlError(
    INVALID,
    `Unsupported JavaScript (${what}): a v4 query is built from FQL function calls, ` +
      'strings, numbers, booleans, null, arrays and objects.',
    span(node),
    pos,
  );
}

/** Translates one JS expression as the driver's `wrap` would see it, at wire position `pos`. */
export function parseExpr(node: Expression | SpreadElement, pos: Path): V4Node {
  switch (node.type) {
    case 'Literal':
      return literal(node, pos);
    case 'UnaryExpression':
      // `-1` is how a negative number is written; the driver just sees the number.
      if ((node.operator === '-' || node.operator === '+') && node.argument.type === 'Literal') {
        const v = node.argument.value;
        if (typeof v === 'number') return scalar(node.operator === '-' ? -v : v, node);
      }
      return refuse(node, pos, `unary \`${node.operator}\``);
    case 'ArrayExpression':
      return array(node.elements, node, pos);
    case 'ObjectExpression': {
      // `wrap` turns a plain object into `{"object": {…}}`, wrapping each value in turn.
      const inner: V4Object = { kind: 'object', entries: properties(node, [...pos, 'object']), span: span(node) };
      return { kind: 'object', entries: [['object', inner]], span: span(node) };
    }
    case 'CallExpression':
      return call(node, pos);
    case 'Identifier':
      if (isBound(node.name)) return { kind: 'object', entries: [['var', scalar(node.name, node)]], span: span(node) };
      return refuse(node, pos, `identifier \`${node.name}\``);
    case 'ArrowFunctionExpression':
      return arrow(node, pos);
    case 'FunctionExpression':
      return refuse(node, pos, 'function');
    case 'TemplateLiteral':
    case 'TaggedTemplateExpression':
      return refuse(node, pos, 'template literal');
    case 'MemberExpression':
      return refuse(node, pos, 'member access');
    case 'SpreadElement':
      return refuse(node, pos, 'spread');
    default:
      return refuse(node, pos, kindName(node.type));
  }
}

// The parameters of the arrow functions being translated, innermost last (parsing is synchronous).
const scopes: string[][] = [];
const isBound = (name: string): boolean => scopes.some((names) => names.includes(name));

/**
 * `x => Add(x, 1)` → `{"lambda": "x", "expr": {"add": [{"var": "x"}, 1]}}`, `(a, b) => …` →
 * `{"lambda": ["a", "b"], …}`, as the driver's Lambda(fn) builds it. The body is one expression,
 * or a block holding only `return <expression>`.
 */
function arrow(node: ArrowFunctionExpression, pos: Path): V4Node {
  const names = node.params.map((p) => (p.type === 'Identifier' ? p.name : refuse(p, pos, 'a parameter that is not a plain name')));
  let body: Expression;
  if (node.body.type !== 'BlockStatement') body = node.body;
  else {
    const only = node.body.body.length === 1 ? node.body.body[0] : undefined;
    if (!only || only.type !== 'ReturnStatement' || !only.argument) return refuse(node.body, pos, 'a function body other than `return <expression>`');
    body = only.argument;
  }
  const params: V4Node =
    names.length === 1
      ? scalar(names[0]!, node.params[0]!)
      : { kind: 'array', items: names.map((n, i) => scalar(n, node.params[i]!)), span: span(node) };
  scopes.push(names);
  try {
    return { kind: 'object', entries: [['lambda', params], ['expr', parseExpr(body, [...pos, 'expr'])]], span: span(node) };
  } finally {
    scopes.pop();
  }
}

function kindName(type: string): string {
  return type.replace(/Expression$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() || type;
}

function literal(node: Extract<Expression, { type: 'Literal' }>, pos: Path): V4Scalar {
  const v = node.value;
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') {
    return scalar(v, node);
  }
  if (typeof v === 'bigint') {
    // JSON.stringify throws on a BigInt inside the driver; nothing is ever sent.
    throw new FqlError(INVALID, 'TypeError: Do not know how to serialize a BigInt', span(node), pos);
  }
  return refuse(node, pos, 'regular expression');
}

function scalar(value: null | boolean | string | number, node: { start: number; end: number }): V4Scalar {
  // JSON has no NaN or Infinity: JSON.stringify sends `null`, so that is what Fauna evaluates.
  const sent = typeof value === 'number' && !Number.isFinite(value) ? null : value;
  return { kind: 'scalar', value: sent, span: span(node) };
}

function array(elements: Array<Expression | SpreadElement | null>, node: Expression, pos: Path): V4Array {
  const items = elements.map((el, i) => {
    if (el === null) return refuse(node, [...pos, i], 'array hole');
    return parseExpr(el, [...pos, i]);
  });
  return { kind: 'array', items, span: span(node) };
}

/**
 * The entries of an object literal in JavaScript's own key order (integer-like keys first,
 * ascending; then the rest as written), since the driver serialises `Object.keys` order.
 * A repeated key keeps its first place and its last value, as in JavaScript.
 */
export function objectEntries(node: ObjectExpression, pos: Path): Array<[string, Expression]> {
  const values = new Map<string, Expression>();
  for (const p of node.properties) {
    if (p.type === 'SpreadElement') return refuse(p, pos, 'spread');
    if (p.computed) return refuse(p, pos, 'computed key');
    if (p.kind !== 'init' || p.method) return refuse(p, pos, 'method');
    const key = propertyKey(p, pos);
    // In a literal, `__proto__: x` sets the prototype instead of adding a key.
    if (key === '__proto__') return refuse(p, pos, '`__proto__` key');
    values.set(key, p.value);
  }
  return orderKeys([...values.keys()]).map((k) => [k, values.get(k)!]);
}

/** An object literal's entries, each value translated at `pos` + its key. */
export function properties(node: ObjectExpression, pos: Path): Array<[string, V4Node]> {
  return objectEntries(node, pos).map(([k, v]) => [k, parseExpr(v, [...pos, k])]);
}

function propertyKey(p: Property, pos: Path): string {
  const k = p.key;
  if (k.type === 'Identifier') return k.name;
  if (k.type === 'Literal' && (typeof k.value === 'string' || typeof k.value === 'number')) return String(k.value);
  if (k.type === 'Literal' && typeof k.value === 'bigint') return k.value.toString();
  return refuse(k, pos, 'object key');
}

/** JavaScript's own-property order: array-index keys ascending, then insertion order. */
export function orderKeys(keys: string[]): string[] {
  const isIndex = (k: string) => /^(0|[1-9]\d*)$/.test(k) && Number(k) < 4294967295;
  const indices = keys.filter(isIndex).sort((a, b) => Number(a) - Number(b));
  return [...indices, ...keys.filter((k) => !isIndex(k))];
}

/** The function a call names: `Login(…)` or `q.Login(…)`. */
function calleeName(node: CallExpression, pos: Path): string {
  const c = node.callee;
  if (node.optional) return refuse(node, pos, 'optional call');
  if (c.type === 'Identifier') return c.name;
  if (
    c.type === 'MemberExpression' &&
    !c.computed &&
    !c.optional &&
    c.object.type === 'Identifier' &&
    c.object.name === 'q' &&
    c.property.type === 'Identifier'
  ) {
    return c.property.name;
  }
  return refuse(c, pos, c.type === 'MemberExpression' ? 'member access' : kindName(c.type));
}

function call(node: CallExpression, pos: Path): V4Node {
  const name = calleeName(node, pos);
  const fn = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!fn) {
    const message = DRIVER_NAMES.has(name)
      ? `${name}() is an FQL v4 function the playground does not implement yet.`
      : `No form/function found, or invalid argument keys: { ${snakeCase(name)} }.`;
    throw new FqlError(INVALID, message, span(node.callee), pos);
  }
  const args = node.arguments;
  if (args.length < fn.min || (fn.max !== null && args.length > fn.max)) {
    throw new FqlError(INVALID, arityMessage(name, fn.min, fn.max, args.length), span(node), pos);
  }
  for (const a of args) if (a.type === 'SpreadElement') refuse(a, pos, 'spread');
  const arg: ArgParser = (i, at) => parseExpr(args[i] as Expression, [...pos, ...at]);
  return fn.build({ args: args as Expression[], arg, span: span(node), pos });
}

/** The driver's InvalidArity wording (its docs link left out). */
function arityMessage(name: string, min: number, max: number | null, given: number): string {
  const wanted = max === null ? `at least ${min}` : min === max ? `${min}` : `from ${min} to ${max}`;
  return `${name} function requires ${wanted} argument(s) but ${given} were given`;
}

/** `CreateCollection` → `create_collection`: the key the driver would have sent. */
function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
