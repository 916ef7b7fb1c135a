// v4 results as the v4 shell prints them: fauna-shell hands the value decoded by faunadb-js to
// Node's `util.inspect(value, { depth: null })`. So this reproduces two things:
//  - the driver's value `toString`s (values.js): `Ref(Collection("c"), "1")`, `Ref(Tokens(), "1")`,
//    `Collection("c")`, `Tokens()`, `Time("…")`, `Date("…")`; ids and names are not escaped;
//  - Node's inspect layout (lib/internal/util/inspect.js, defaults breakLength 80, compact 3):
//    single-quoted JS strings, entries joined on one line when they fit, else one per line with
//    two-space indents, long number arrays grouped in columns, `... n more items` past 100.
// Numbers go through JSON.parse in the driver, so Longs beyond 2^53 print rounded, like there.
import { Page, SetV } from '../values/set';
import { Bytes, DateV, Doc, DocRef, Double, Func, Module, NullDoc, Time, type ObjectV, type Value } from '../values/value';
import { docAsObject, v4Instant } from '../wire/v4-json';

const BREAK_LENGTH = 80;
const COMPACT = 3;
const MAX_ARRAY = 100;
const MAX_STRING = 10000;
const MIN_LINE_WIDTH = 16;

interface Ctx {
  indentationLvl: number;
  /** Depth of the object most recently entered: how Node decides what may share a line. */
  currentDepth: number;
}

export function displayV4(v: Value): string {
  return formatValue({ indentationLvl: 0, currentDepth: 0 }, v, 0);
}

// A Map, so a user collection named "constructor" cannot reach Object.prototype.
const NATIVE_HANDLES = new Map([
  ['Token', 'Tokens()'],
  ['Credential', 'Credentials()'],
  ['Key', 'Keys()'],
  ['Role', 'Roles()'],
  ['Collection', 'Collections()'],
  ['Index', 'Indexes()'],
  ['Function', 'Functions()'],
  ['Database', 'Databases()'],
]);

/** Named schema documents the driver prints by name: `Role("admins")`, `Function("signIn")`. */
const NAMED_REFS = new Set(['Role', 'Function', 'Index', 'Database']);

function collectionString(m: Module): string {
  const native = NATIVE_HANDLES.get(m.name);
  return m.kind !== 'user-collection' && native !== undefined ? native : `Collection("${m.name}")`;
}

function refString(r: DocRef): string {
  if (NAMED_REFS.has(r.coll)) return `${r.coll}("${r.id}")`;
  const coll = NATIVE_HANDLES.get(r.coll) ?? `Collection("${r.coll}")`;
  return `Ref(${coll}, "${r.id}")`;
}

function formatValue(ctx: Ctx, v: Value, recurseTimes: number): string {
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return formatString(ctx, v);
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'bigint') return formatNumber(Number(v));
  if (v instanceof Double) return formatNumber(v.value);
  if (v instanceof Time) return `Time("${v4Instant(v.micros)}")`;
  if (v instanceof DateV) return `Date("${v.iso}")`;
  if (v instanceof DocRef) return refString(v);
  if (v instanceof NullDoc) return refString(v.ref);
  if (v instanceof Module) return collectionString(v);
  if (v instanceof Bytes) return `Bytes("${v.toBase64()}")`;
  if (v instanceof Doc) return formatValue(ctx, docAsObject(v), recurseTimes);
  if (Array.isArray(v)) return formatList(ctx, v, recurseTimes);
  // A v4 lambda (`Query(Lambda(…))`, a role predicate) prints as the driver prints its Query value.
  if (v instanceof Func && typeof (v as { v4Text?: unknown }).v4Text === 'string') return (v as unknown as { v4Text: string }).v4Text;
  // v4 has no other function values; one reaching here (from v10) shows as v10 names it.
  if (v instanceof Func) return formatString(ctx, `[function ${v.name}]`);
  if (v instanceof SetV) return formatString(ctx, '[set]');
  if (v instanceof Page) {
    const page: ObjectV = new Map<string, Value>([['data', v.data]]);
    if (v.after !== undefined) page.set('after', v.after);
    return formatObject(ctx, page, recurseTimes);
  }
  return formatObject(ctx, v, recurseTimes);
}

function formatNumber(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n);
}

function formatList(ctx: Ctx, arr: Value[], recurseTimes: number): string {
  if (arr.length === 0) return '[]';
  const depth = recurseTimes + 1;
  ctx.currentDepth = depth;
  const shown = Math.min(MAX_ARRAY, arr.length);
  const output: string[] = [];
  for (let i = 0; i < shown; i++) output.push(nested(ctx, arr[i]!, depth));
  const remaining = arr.length - shown;
  if (remaining > 0) output.push(`... ${remaining} more item${remaining > 1 ? 's' : ''}`);
  return reduceToSingleString(ctx, output, ['[', ']'], depth, arr);
}

function formatObject(ctx: Ctx, obj: ObjectV, recurseTimes: number): string {
  const keys = jsKeyOrder([...obj.keys()]);
  if (keys.length === 0) return '{}';
  const depth = recurseTimes + 1;
  ctx.currentDepth = depth;
  const output = keys.map((k) => `${keyName(k)}: ${nested(ctx, obj.get(k)!, depth)}`);
  return reduceToSingleString(ctx, output, ['{', '}'], depth);
}

function nested(ctx: Ctx, v: Value, depth: number): string {
  ctx.indentationLvl += 2;
  const s = formatValue(ctx, v, depth);
  ctx.indentationLvl -= 2;
  return s;
}

/** The decoded object is a JS object: array-index keys come first, ascending. */
function jsKeyOrder(keys: string[]): string[] {
  const isIndex = (k: string) => /^(0|[1-9]\d*)$/.test(k) && Number(k) < 4294967295;
  return [...keys.filter(isIndex).sort((a, b) => Number(a) - Number(b)), ...keys.filter((k) => !isIndex(k))];
}

function keyName(k: string): string {
  if (k === '__proto__') return "['__proto__']";
  return /^[a-zA-Z_][a-zA-Z_0-9]*$/.test(k) ? k : strEscape(k);
}

function reduceToSingleString(
  ctx: Ctx,
  output: string[],
  braces: [string, string],
  depth: number,
  arr?: Value[],
): string {
  const entries = output.length;
  if (arr && entries > 6) output = groupArrayElements(ctx, output, arr);
  // Up to COMPACT inner levels, entries share a line if the whole fits in the break length.
  if (ctx.currentDepth - depth < COMPACT && entries === output.length) {
    const start = output.length + ctx.indentationLvl + braces[0].length + 10;
    if (isBelowBreakLength(output, start)) {
      const joined = output.join(', ');
      if (!joined.includes('\n')) return `${braces[0]} ${joined} ${braces[1]}`;
    }
  }
  const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
  return `${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
}

function isBelowBreakLength(output: string[], start: number): boolean {
  let total = output.length + start;
  if (total + output.length > BREAK_LENGTH) return false;
  for (const entry of output) {
    total += entry.length;
    if (total > BREAK_LENGTH) return false;
  }
  return true;
}

/** Node lays out arrays of more than six short entries in aligned columns. */
function groupArrayElements(ctx: Ctx, output: string[], arr: Value[]): string[] {
  let totalLength = 0;
  let maxLength = 0;
  const outputLength = arr.length > MAX_ARRAY ? output.length - 1 : output.length;
  const separatorSpace = 2;
  const dataLen: number[] = [];
  for (let i = 0; i < outputLength; i++) {
    const len = output[i]!.length;
    dataLen.push(len);
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  const actualMax = maxLength + separatorSpace;
  if (actualMax * 3 + ctx.indentationLvl < BREAK_LENGTH && (totalLength / actualMax > 5 || maxLength <= 6)) {
    const averageBias = Math.sqrt(actualMax - totalLength / output.length);
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    const columns = Math.min(
      Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
      Math.floor((BREAK_LENGTH - ctx.indentationLvl) / actualMax),
      COMPACT * 4,
      15,
    );
    if (columns <= 1) return output;
    const maxLineLength: number[] = [];
    for (let i = 0; i < columns; i++) {
      let lineLength = 0;
      for (let j = i; j < output.length; j += columns) if (dataLen[j]! > lineLength) lineLength = dataLen[j]!;
      maxLineLength.push(lineLength + separatorSpace);
    }
    // Numbers are right-aligned, anything else left-aligned.
    const isNumber = (v: Value) => typeof v === 'number' || typeof v === 'bigint' || v instanceof Double;
    const numeric = arr.slice(0, output.length).every(isNumber);
    const tmp: string[] = [];
    for (let i = 0; i < outputLength; i += columns) {
      const max = Math.min(i + columns, outputLength);
      let line = '';
      let j = i;
      for (; j < max - 1; j++) {
        const cell = `${output[j]}, `;
        line += numeric ? cell.padStart(maxLineLength[j - i]!) : cell.padEnd(maxLineLength[j - i]!);
      }
      line += numeric ? output[j]!.padStart(maxLineLength[j - i]! - separatorSpace) : output[j]!;
      tmp.push(line);
    }
    if (arr.length > MAX_ARRAY) tmp.push(output[outputLength]!);
    return tmp;
  }
  return output;
}

function formatString(ctx: Ctx, s: string): string {
  let trailer = '';
  if (s.length > MAX_STRING) {
    const remaining = s.length - MAX_STRING;
    s = s.slice(0, MAX_STRING);
    trailer = `... ${remaining} more character${remaining > 1 ? 's' : ''}`;
  }
  if (s.length > MIN_LINE_WIDTH && s.length > BREAK_LENGTH - ctx.indentationLvl - 4) {
    // Long multi-line strings print as a concatenation, one source line per line.
    return s.split(/(?<=\n)/).map(strEscape).join(` +\n${' '.repeat(ctx.indentationLvl + 2)}`) + trailer;
  }
  return strEscape(s) + trailer;
}

/** Node's strEscape: single quotes unless the text has some, escapes for control characters. */
export function strEscape(s: string): string {
  let quote = "'";
  if (s.includes("'")) {
    if (!s.includes('"')) quote = '"';
    else if (!s.includes('`') && !s.includes('${')) quote = '`';
  }
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c === 39 && quote === "'") || c === 92 || c < 32 || (c > 126 && c < 160)) {
      out += META[c] ?? `\\x${c.toString(16).toUpperCase().padStart(2, '0')}`;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
      } else {
        out += `\\u${c.toString(16)}`;
      }
    } else {
      out += s[i];
    }
  }
  return quote + out + quote;
}

const META: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 39: "\\'", 92: '\\\\' };
