// The FQL v4 functions the playground accepts, each described as the JSON its faunadb-js 4.x
// function builds (keys in the driver's order; see src/query.js in fauna/faunadb-js).
import type { Expression } from 'acorn';
import type { Span } from '../api';
import { FqlError } from '../errors';
import type { Path, V4Array, V4Node, V4Object } from './ast';
import { objectEntries, parseExpr, properties } from './parse';
import { MORE_FUNCTIONS } from './functions-more';

/** Parses argument `i` at the wire path `at` below the call. */
export type ArgParser = (i: number, at: Path) => V4Node;

interface CallSite {
  args: Expression[];
  arg: ArgParser;
  span: Span;
  pos: Path;
}

interface FunctionDef {
  min: number;
  /** null: variadic. */
  max: number | null;
  build(call: CallSite): V4Node;
}

const form = (c: CallSite, entries: Array<[string, V4Node]>): V4Object => ({
  kind: 'object',
  entries,
  span: c.span,
});

const nul = (c: CallSite): V4Node => ({ kind: 'scalar', value: null, span: c.span });

/** `{key: arg0}`: a one-argument function. */
const unary = (key: string): FunctionDef => ({ min: 1, max: 1, build: (c) => form(c, [[key, c.arg(0, [key])]]) });

/** `{a: arg0, b: arg1}`: a two-argument function. */
const binary = (a: string, b: string): FunctionDef => ({
  min: 2,
  max: 2,
  build: (c) =>
    form(c, [
      [a, c.arg(0, [a])],
      [b, c.arg(1, [b])],
    ]),
});

/** `{key: null}`: a native collection handle (a database scope is not supported here). */
const nativeSet = (key: string): FunctionDef => ({ min: 0, max: 0, build: (c) => form(c, [[key, nul(c)]]) });

/** Get/Exists: `ts` is added only when given and not null (the driver's `params` helper). */
const readAt = (key: string): FunctionDef => ({
  min: 1,
  max: 2,
  build(c) {
    const entries: Array<[string, V4Node]> = [[key, c.arg(0, [key])]];
    // Only a literal JS null is dropped: `1e999` is Infinity to the driver (sent as null).
    const ts = c.args[1];
    if (ts && !(ts.type === 'Literal' && ts.value === null)) entries.push(['ts', c.arg(1, ['ts'])]);
    return form(c, entries);
  },
});

/** The driver's `varargs`: one argument is sent bare, several as an array. */
function varargs(c: CallSite, key: string): V4Node {
  if (c.args.length === 1) return c.arg(0, [key]);
  const items = c.args.map((_, i) => c.arg(i, [key, i]));
  return { kind: 'array', items, span: c.span } satisfies V4Array;
}

/** `Let({a: 1, b: 2}, in)` sends one single-key binding object per key, in JS key order. */
function letBindings(c: CallSite): V4Array {
  const vars = c.args[0]!;
  const pos: Path = [...c.pos, 'let'];
  const at = (n: { start: number; end: number }): Span => ({ start: n.start, end: n.end });
  if (vars.type === 'ArrayExpression') {
    // An array keeps each element as one binding object (possibly with several keys).
    const items = vars.elements.map((el, i): V4Node => {
      if (!el || el.type !== 'ObjectExpression') throw notBindings(el ?? vars, pos);
      return { kind: 'object', entries: properties(el, [...pos, i]), span: at(el) };
    });
    return { kind: 'array', items, span: at(vars) };
  }
  if (vars.type !== 'ObjectExpression') throw notBindings(vars, pos);
  const items = objectEntries(vars, pos).map(([k, v], i): V4Node => ({
    kind: 'object',
    entries: [[k, parseExpr(v, [...pos, i, k])]],
    span: at(v),
  }));
  return { kind: 'array', items, span: at(vars) };
}

function notBindings(n: { start: number; end: number }, pos: Path): FqlError {
  return new FqlError(
    'invalid expression',
    'Let bindings must be an object literal, or an array of object literals.',
    { start: n.start, end: n.end },
    pos,
  );
}

export const FUNCTIONS: Record<string, FunctionDef> = {
  ...MORE_FUNCTIONS,
  Ref: {
    min: 1,
    max: 2,
    build: (c) =>
      c.args.length === 1
        ? form(c, [['@ref', c.arg(0, ['@ref'])]])
        : form(c, [
            ['ref', c.arg(0, ['ref'])],
            ['id', c.arg(1, ['id'])],
          ]),
  },
  Collection: unary('collection'),
  Collections: nativeSet('collections'),
  Tokens: nativeSet('tokens'),
  Credentials: nativeSet('credentials'),
  Keys: nativeSet('keys'),
  CreateCollection: unary('create_collection'),
  Create: {
    min: 1,
    max: 2,
    // `params` is left out when not passed (undefined), but an explicit null is sent.
    build(c) {
      const entries: Array<[string, V4Node]> = [['create', c.arg(0, ['create'])]];
      if (c.args.length > 1) entries.push(['params', c.arg(1, ['params'])]);
      return form(c, entries);
    },
  },
  Login: {
    min: 2,
    max: 2,
    build: (c) =>
      form(c, [
        ['login', c.arg(0, ['login'])],
        ['params', c.arg(1, ['params'])],
      ]),
  },
  Identify: {
    min: 2,
    max: 2,
    build: (c) =>
      form(c, [
        ['identify', c.arg(0, ['identify'])],
        ['password', c.arg(1, ['password'])],
      ]),
  },
  Update: binary('update', 'params'),
  Replace: binary('replace', 'params'),
  Delete: unary('delete'),
  Logout: unary('logout'),
  Identity: nativeSet('identity'),
  CurrentIdentity: nativeSet('current_identity'),
  HasIdentity: nativeSet('has_identity'),
  HasCurrentIdentity: nativeSet('has_current_identity'),
  CurrentToken: nativeSet('current_token'),
  HasCurrentToken: nativeSet('has_current_token'),
  KeyFromSecret: unary('key_from_secret'),
  CreateKey: unary('create_key'),
  CreateRole: unary('create_role'),
  CreateDatabase: unary('create_database'),
  Database: {
    min: 1,
    max: 2,
    build(c) {
      const entries: Array<[string, V4Node]> = [['database', c.arg(0, ['database'])]];
      const scope = c.args[1];
      if (scope && !(scope.type === 'Literal' && scope.value === null)) entries.push(['scope', c.arg(1, ['scope'])]);
      return form(c, entries);
    },
  },
  Roles: nativeSet('roles'),
  Role: {
    min: 1,
    max: 2,
    // `scope` is sent only when given and not null (the driver's `params` helper).
    build(c) {
      const entries: Array<[string, V4Node]> = [['role', c.arg(0, ['role'])]];
      const scope = c.args[1];
      if (scope && !(scope.type === 'Literal' && scope.value === null)) entries.push(['scope', c.arg(1, ['scope'])]);
      return form(c, entries);
    },
  },
  Query: unary('query'),
  Lambda: {
    min: 1,
    max: 2,
    // One argument is an expression that already is a lambda: the driver returns it as is.
    build: (c) =>
      c.args.length === 1
        ? c.arg(0, [])
        : form(c, [
            ['lambda', c.arg(0, ['lambda'])],
            ['expr', c.arg(1, ['expr'])],
          ]),
  },
  And: { min: 1, max: null, build: (c) => form(c, [['and', varargs(c, 'and')]]) },
  Or: { min: 1, max: null, build: (c) => form(c, [['or', varargs(c, 'or')]]) },
  Not: unary('not'),
  Get: readAt('get'),
  Exists: readAt('exists'),
  Do: {
    min: 1,
    max: null,
    build: (c) => form(c, [['do', { kind: 'array', items: c.args.map((_, i) => c.arg(i, ['do', i])), span: c.span }]]),
  },
  Let: {
    min: 2,
    max: 2,
    build: (c) =>
      form(c, [
        ['let', letBindings(c)],
        ['in', c.arg(1, ['in'])],
      ]),
  },
  Var: unary('var'),
  If: {
    min: 3,
    max: 3,
    build: (c) =>
      form(c, [
        ['if', c.arg(0, ['if'])],
        ['then', c.arg(1, ['then'])],
        ['else', c.arg(2, ['else'])],
      ]),
  },
  Equals: { min: 1, max: null, build: (c) => form(c, [['equals', varargs(c, 'equals')]]) },
  Select: {
    min: 2,
    max: 3,
    build(c) {
      const entries: Array<[string, V4Node]> = [
        ['select', c.arg(0, ['select'])],
        ['from', c.arg(1, ['from'])],
      ];
      if (c.args.length > 2) entries.push(['default', c.arg(2, ['default'])]);
      return form(c, entries);
    },
  },
  Time: unary('time'),
  Now: nativeSet('now'),
  TimeAdd: {
    min: 3,
    max: 3,
    build: (c) =>
      form(c, [
        ['time_add', c.arg(0, ['time_add'])],
        ['offset', c.arg(1, ['offset'])],
        ['unit', c.arg(2, ['unit'])],
      ]),
  },
};

/** Every function faunadb-js 4.x exports, to tell "not implemented yet" from "no such function". */
export const DRIVER_NAMES = new Set(
  (
    'Ref Bytes Abort At Let Var If Do Object Lambda Call Query Map Foreach Filter Take Drop Prepend Append ' +
    'IsEmpty IsNonEmpty IsNumber IsDouble IsInteger IsBoolean IsNull IsBytes IsTimestamp IsDate IsString ' +
    'IsArray IsObject IsRef IsSet IsDoc IsLambda IsCollection IsDatabase IsIndex IsFunction IsKey IsToken ' +
    'IsCredentials IsRole Get KeyFromSecret Reduce Paginate Exists Create Update Replace Delete Insert Remove ' +
    'CreateClass CreateCollection CreateDatabase CreateIndex CreateKey CreateFunction CreateRole ' +
    'CreateAccessProvider Singleton Events Match Union Merge Intersection Difference Distinct Join Range ' +
    'Login Logout Identify Identity CurrentIdentity HasIdentity HasCurrentIdentity CurrentToken ' +
    'HasCurrentToken Concat Casefold ContainsStr ContainsStrRegex StartsWith EndsWith FindStr FindStrRegex ' +
    'Length LowerCase LTrim NGram Repeat ReplaceStr ReplaceStrRegex RegexEscape RTrim Space SubString ' +
    'TitleCase Trim UpperCase Format Time TimeAdd TimeSubtract TimeDiff Epoch Date Now NextId NewId Database ' +
    'Index Class Collection Function Role AccessProviders Classes Collections Databases Indexes Functions ' +
    'Roles Keys Tokens Credentials Equals Contains ContainsPath ContainsField ContainsValue Select SelectAll ' +
    'Abs Add BitAnd BitNot BitOr BitXor Ceil Divide Floor Max Min Modulo Multiply Round Subtract Sign Sqrt ' +
    'Trunc Count Sum Mean Any All Acos Asin Atan Cos Cosh Degrees Exp Hypot Ln Log Pow Radians Sin Sinh Tan ' +
    'Tanh LT LTE GT GTE And Or Not ToString ToNumber ToObject ToArray ToDouble ToInteger ToTime ToSeconds ' +
    'ToMicros ToMillis DayOfMonth DayOfWeek DayOfYear Second Minute Hour Month Year ToDate MoveDatabase ' +
    'Documents Reverse AccessProvider'
  ).split(' '),
);
