// The wire JSON of the faunadb-js 4.x functions beyond the auth seeds: sets and pagination,
// indexes, collection functions, math, strings, conversions, UDFs (src/query.js in the driver,
// keys in its order). Optional arguments follow the driver's `params` helper: sent only when
// given and not a literal null.
import type { Expression } from 'acorn';
import { FqlError } from '../errors';
import type { Path, V4Node, V4Object } from './ast';
import { objectEntries, parseExpr } from './parse';
import type { ArgParser } from './functions';
import type { Span } from '../api';

interface CallSite {
  args: Expression[];
  arg: ArgParser;
  span: Span;
  pos: Path;
}

interface FunctionDef {
  min: number;
  max: number | null;
  build(call: CallSite): V4Node;
}

const form = (c: CallSite, entries: Array<[string, V4Node]>): V4Object => ({ kind: 'object', entries, span: c.span });

const isNull = (e: Expression | undefined) => e === undefined || (e.type === 'Literal' && e.value === null);

/**
 * A function whose arguments map to keys: `[key, i]` required, `[key, i, true]` optional (left
 * out when not given or null).
 */
const keyed = (min: number, max: number, spec: Array<[string, number, boolean?]>): FunctionDef => ({
  min,
  max,
  build(c) {
    const entries: Array<[string, V4Node]> = [];
    for (const [key, i, optional] of spec) {
      if (optional && isNull(c.args[i])) continue;
      entries.push([key, c.arg(i, [key])]);
    }
    return form(c, entries);
  },
});

const unary = (key: string) => keyed(1, 1, [[key, 0]]);
const nullary = (key: string): FunctionDef => ({ min: 0, max: 0, build: (c) => form(c, [[key, { kind: 'scalar', value: null, span: c.span }]]) });

/** The driver's `varargs(args from i)`: one argument bare, several (or none) as an array. */
function varargsFrom(c: CallSite, key: string, from: number): V4Node {
  const n = c.args.length - from;
  if (n === 1) return c.arg(from, [key]);
  return { kind: 'array', items: c.args.slice(from).map((_, i) => c.arg(from + i, [key, i])), span: c.span };
}

const variadic = (key: string, min = 1): FunctionDef => ({ min, max: null, build: (c) => form(c, [[key, varargsFrom(c, key, 0)]]) });

/** `Paginate(set, {size, after, …})`: the options object's keys sit beside `paginate`. */
const paginate: FunctionDef = {
  min: 1,
  max: 2,
  build(c) {
    const entries: Array<[string, V4Node]> = [['paginate', c.arg(0, ['paginate'])]];
    const opts = c.args[1];
    if (opts && !isNull(opts)) {
      if (opts.type !== 'ObjectExpression') {
        throw new FqlError('invalid expression', 'Paginate options must be an object literal.', { start: opts.start, end: opts.end }, c.pos);
      }
      for (const [k, v] of objectEntries(opts, c.pos)) {
        // The driver drops options that are undefined; null is sent.
        entries.push([k, parseExpr(v, [...c.pos, k])]);
      }
    }
    return form(c, entries);
  },
};

/** `Match(index, ...terms)`: terms always sent, an empty array when none. */
const match: FunctionDef = {
  min: 1,
  max: null,
  build: (c) => form(c, [['match', c.arg(0, ['match'])], ['terms', varargsFrom(c, 'terms', 1)]]),
};

const withRest = (key: string, rest: string): FunctionDef => ({
  min: 1,
  max: null,
  build: (c) => form(c, [[key, c.arg(0, [key])], [rest, varargsFrom(c, rest, 1)]]),
});

/** `Map(coll, lambda)` sends the lambda first: `{map: lambda, collection: coll}`. */
const lambdaFirst = (key: string): FunctionDef => keyed(2, 2, [[key, 1], ['collection', 0]]);

export const MORE_FUNCTIONS: Record<string, FunctionDef> = {
  Paginate: paginate,
  Documents: unary('documents'),
  Match: match,
  Index: keyed(1, 2, [['index', 0], ['scope', 1, true]]),
  Indexes: { min: 0, max: 1, build: (c) => form(c, [['indexes', c.args[0] ? c.arg(0, ['indexes']) : { kind: 'scalar', value: null, span: c.span }]]) },
  Functions: { min: 0, max: 1, build: (c) => form(c, [['functions', c.args[0] ? c.arg(0, ['functions']) : { kind: 'scalar', value: null, span: c.span }]]) },
  Databases: { min: 0, max: 1, build: (c) => form(c, [['databases', c.args[0] ? c.arg(0, ['databases']) : { kind: 'scalar', value: null, span: c.span }]]) },
  CreateIndex: unary('create_index'),
  CreateFunction: unary('create_function'),
  CreateClass: unary('create_class'),
  Function: keyed(1, 2, [['function', 0], ['scope', 1, true]]),
  Call: withRest('call', 'arguments'),
  Count: unary('count'),
  Sum: unary('sum'),
  Mean: unary('mean'),
  Any: unary('any'),
  All: unary('all'),
  IsEmpty: unary('is_empty'),
  IsNonEmpty: unary('is_nonempty'),
  Union: variadic('union'),
  Intersection: variadic('intersection'),
  Difference: variadic('difference'),
  Distinct: unary('distinct'),
  Reverse: unary('reverse'),
  Map: lambdaFirst('map'),
  Foreach: lambdaFirst('foreach'),
  Filter: lambdaFirst('filter'),
  Reduce: keyed(3, 3, [['reduce', 0], ['initial', 1], ['collection', 2]]),
  Take: keyed(2, 2, [['take', 0], ['collection', 1]]),
  Drop: keyed(2, 2, [['drop', 0], ['collection', 1]]),
  Prepend: keyed(2, 2, [['prepend', 0], ['collection', 1]]),
  Append: keyed(2, 2, [['append', 0], ['collection', 1]]),
  Merge: keyed(2, 3, [['merge', 0], ['with', 1], ['lambda', 2, true]]),
  ToArray: unary('to_array'),
  ToObject: unary('to_object'),
  ContainsPath: keyed(2, 2, [['contains_path', 0], ['in', 1]]),
  Contains: keyed(2, 2, [['contains', 0], ['in', 1]]),
  ContainsField: keyed(2, 2, [['contains_field', 0], ['in', 1]]),
  ContainsValue: keyed(2, 2, [['contains_value', 0], ['in', 1]]),
  SelectAll: keyed(2, 2, [['select_all', 0], ['from', 1]]),
  Add: variadic('add'),
  Subtract: variadic('subtract'),
  Multiply: variadic('multiply'),
  Divide: variadic('divide'),
  Modulo: variadic('modulo'),
  Max: variadic('max'),
  Min: variadic('min'),
  LT: variadic('lt'),
  LTE: variadic('lte'),
  GT: variadic('gt'),
  GTE: variadic('gte'),
  Abs: unary('abs'),
  Ceil: unary('ceil'),
  Floor: unary('floor'),
  Sign: unary('sign'),
  Sqrt: unary('sqrt'),
  Pow: keyed(1, 2, [['pow', 0], ['exp', 1, true]]),
  Round: keyed(1, 2, [['round', 0], ['precision', 1, true]]),
  Trunc: keyed(1, 2, [['trunc', 0], ['precision', 1, true]]),
  Concat: keyed(1, 2, [['concat', 0], ['separator', 1, true]]),
  Casefold: keyed(1, 2, [['casefold', 0], ['normalizer', 1, true]]),
  LowerCase: unary('lowercase'),
  UpperCase: unary('uppercase'),
  TitleCase: unary('titlecase'),
  Trim: unary('trim'),
  LTrim: unary('ltrim'),
  RTrim: unary('rtrim'),
  Length: unary('length'),
  Space: unary('space'),
  Repeat: keyed(1, 2, [['repeat', 0], ['number', 1, true]]),
  SubString: keyed(1, 3, [['substring', 0], ['start', 1, true], ['length', 2, true]]),
  ReplaceStr: keyed(3, 3, [['replacestr', 0], ['find', 1], ['replace', 2]]),
  FindStr: keyed(2, 3, [['findstr', 0], ['find', 1], ['start', 2, true]]),
  ContainsStr: keyed(2, 2, [['containsstr', 0], ['search', 1]]),
  StartsWith: keyed(2, 2, [['startswith', 0], ['search', 1]]),
  EndsWith: keyed(2, 2, [['endswith', 0], ['search', 1]]),
  Format: withRest('format', 'values'),
  ToString: unary('to_string'),
  ToNumber: unary('to_number'),
  ToInteger: unary('to_integer'),
  ToDouble: unary('to_double'),
  ToTime: unary('to_time'),
  ToDate: unary('to_date'),
  ToSeconds: unary('to_seconds'),
  ToMillis: unary('to_millis'),
  ToMicros: unary('to_micros'),
  Date: unary('date'),
  Epoch: keyed(2, 2, [['epoch', 0], ['unit', 1]]),
  NewId: nullary('new_id'),
  NextId: nullary('next_id'),
  Abort: unary('abort'),
  IsNumber: unary('is_number'),
  IsDouble: unary('is_double'),
  IsInteger: unary('is_integer'),
  IsBoolean: unary('is_boolean'),
  IsNull: unary('is_null'),
  IsBytes: unary('is_bytes'),
  IsTimestamp: unary('is_timestamp'),
  IsDate: unary('is_date'),
  IsString: unary('is_string'),
  IsArray: unary('is_array'),
  IsObject: unary('is_object'),
  IsRef: unary('is_ref'),
  IsSet: unary('is_set'),
  IsDoc: unary('is_doc'),
  IsLambda: unary('is_lambda'),
  IsCollection: unary('is_collection'),
  IsDatabase: unary('is_database'),
  IsIndex: unary('is_index'),
  IsFunction: unary('is_function'),
  IsKey: unary('is_key'),
  IsToken: unary('is_token'),
  IsCredentials: unary('is_credentials'),
  IsRole: unary('is_role'),
};
