// v10 results as Fauna's "decorated" FQL text (MaterializedValue/Decorator in Fauna's core):
// two-space indentation, one entry per line, documents expanded at the top, references inside
// documents as `Coll("id")`, missing documents with their cause in a comment, strings with a
// newline as `<<-END` heredocs.
import { escapeString, javaDouble } from '../fql10/stdlib/tostring';
import { formatTime } from '../values/time';
import { EmbeddedSet, Page, SetV } from '../values/set';
import { Bytes, DateV, Doc, DocRef, Double, Func, Module, NullDoc, Time, isNamed, type Value } from '../values/value';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function renderDecorated(v: Value): string {
  return render(v, '', false);
}

function render(v: Value, indent: string, insideDoc: boolean): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'string') return renderString(v, indent);
  if (v instanceof Double) return renderDouble(v.value);
  if (v instanceof Time) return `Time("${formatTime(v)}")`;
  if (v instanceof DateV) return `Date("${v.iso}")`;
  if (v instanceof Bytes) return `Bytes("${v.toBase64()}")`;
  if (v instanceof Module) return v.name;
  if (v instanceof Func) return `"[function ${v.name}]"`;
  if (v instanceof DocRef) return refText(v);
  if (v instanceof NullDoc) return `${v.describe ?? refText(v.ref)} /* ${v.cause} */`;
  if (Array.isArray(v)) return block('[', ']', v.map((x) => render(x, indent + '  ', insideDoc)), indent);
  if (v instanceof Map) return renderEntries([...v], indent, insideDoc);
  if (v instanceof Doc) return insideDoc ? refText(v.ref) : renderDoc(v, indent);
  if (v instanceof EmbeddedSet) return render(v.cursor, indent, insideDoc);
  if (v instanceof Page) {
    const entries: Array<[string, Value]> = [['data', v.data]];
    if (v.after !== undefined) entries.push(['after', v.after]);
    return renderEntries(entries, indent, insideDoc);
  }
  if (v instanceof SetV) return '"[set]"';
  const never: never = v;
  return never;
}

function refText(r: DocRef): string {
  return isNamed(r.coll) ? `${r.coll}.byName(${JSON.stringify(r.id)})` : `${r.coll}(${JSON.stringify(r.id)})`;
}

function renderDoc(d: Doc, indent: string): string {
  const head: Array<[string, Value]> =
    isNamed(d.ref.coll)
      ? [['name', d.ref.id], ['coll', new Module(d.ref.coll, 'builtin')], ['ts', new Time(d.ts)]]
      : [['id', d.ref.id], ['coll', new Module(d.ref.coll, 'user-collection')], ['ts', new Time(d.ts)]];
  if (d.ttl !== undefined) head.push(['ttl', new Time(d.ttl)]);
  const tail: Array<[string, Value]> = d.secret !== undefined ? [['secret', d.secret]] : [];
  return renderEntries([...head, ...d.fields, ...tail], indent, true);
}

function renderEntries(entries: Array<[string, Value]>, indent: string, insideDoc: boolean): string {
  const inner = indent + '  ';
  const lines = entries.map(([k, x]) => `${IDENT.test(k) ? k : renderString(k, inner)}: ${render(x, inner, insideDoc)}`);
  return block('{', '}', lines, indent);
}

function block(open: string, close: string, items: string[], indent: string): string {
  if (items.length === 0) return open + close;
  const inner = indent + '  ';
  return `${open}\n${items.map((x) => inner + x).join(',\n')}\n${indent}${close}`;
}

function renderDouble(x: number): string {
  if (Number.isNaN(x)) return 'Math.NaN';
  if (x === Infinity) return 'Math.Infinity';
  if (x === -Infinity) return '-Math.Infinity';
  // The Decorator writes Scala's Double.toString: 3000.0, 1.8E19, 6.790125E-9.
  return javaDouble(x);
}

/** A one-line string as Fauna's Decorator writes it: `escape0`, the parser's escapes reversed. */
const quote = escapeString;

/** A string with a newline prints as a heredoc whose tag does not occur in the text. */
function renderString(s: string, indent: string): string {
  if (!s.includes('\n')) return quote(s);
  const tag = ['END', ...Array.from({ length: 10 }, (_, i) => `END${i}`)].find((t) => !s.includes(t));
  if (!tag) return quote(s);
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  const inner = indent + '  ';
  return `<<-${tag}\n${body
    .split('\n')
    .map((l) => (l ? inner + l : l))
    .join('\n')}\n${indent}${tag}`;
}
