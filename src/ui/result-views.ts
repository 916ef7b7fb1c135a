// The result pane's views of one successful result: Fauna's decorated text, the JSON wire
// formats, a table for arrays (or pages) of documents and objects, and a collapsible tree.
import type { RunResult } from '../engine/api';
import type { ResultView } from '../share/codec';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Ok = Extract<RunResult, { ok: true }>;

export const VIEW_LABELS: Record<ResultView, string> = {
  decorated: 'FQL',
  simple: 'JSON',
  tagged: 'Tagged',
  wire: 'Wire',
  table: 'Table',
  tree: 'Tree',
};

export const VIEW_TITLES: Record<ResultView, string> = {
  decorated: 'As Fauna prints it',
  simple: 'JSON, simple format',
  tagged: 'JSON, tagged format (types kept)',
  wire: 'JSON, the v4 wire format',
  table: 'A table of the documents',
  tree: 'A collapsible tree',
};

/** The JSON behind the table and tree: v10 `simple`, or the v4 wire body's `resource`. */
export function dataOf(result: Ok): Json | undefined {
  try {
    if (result.lang === 'fql10') return result.json.simple === undefined ? undefined : (JSON.parse(result.json.simple) as Json);
    if (result.json.wire === undefined) return undefined;
    const body = JSON.parse(result.json.wire) as Json;
    return isObject(body) && 'resource' in body ? body.resource! : body;
  } catch {
    return undefined;
  }
}

function isObject(x: Json | undefined): x is { [k: string]: Json } {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export interface Table {
  columns: string[];
  rows: string[][];
}

const MAX_COLUMNS = 40;

/** A table when the result is an array (or a page) of objects; null otherwise. */
export function tableOf(result: Ok): Table | null {
  let data = dataOf(result);
  if (isObject(data) && Array.isArray(data.data)) data = data.data;
  if (!Array.isArray(data) || data.length === 0 || !data.every(isObject)) return null;
  const records = (data as { [k: string]: Json }[]).map((row) => (result.lang === 'fql4' ? flattenV4(row) : row));
  const columns: string[] = [];
  for (const row of records) for (const key of Object.keys(row)) if (!columns.includes(key) && columns.length < MAX_COLUMNS) columns.push(key);
  const rows = records.map((row) => columns.map((c) => (c in row ? cell(row[c]!) : '')));
  return { columns, rows };
}

/** A v4 document `{ ref, ts, data: {…} }` as one flat row: ref, ts, then the data fields. */
function flattenV4(row: { [k: string]: Json }): { [k: string]: Json } {
  if (!('ref' in row) || !isObject(row.data)) return row;
  const { data, ...rest } = row;
  return { ...rest, ...data };
}

/** A cell's text: strings bare, references as `Coll("id")`, anything else as compact JSON. */
export function cell(value: Json): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const ref = refText(value);
  if (ref) return ref;
  return JSON.stringify(value);
}

function refText(value: Json): string | null {
  if (!isObject(value)) return null;
  const keys = Object.keys(value);
  // v10 simple: a document inside a document is { id, coll }.
  if (keys.length === 2 && typeof value.id === 'string' && typeof value.coll === 'string') return `${value.coll}("${value.id}")`;
  // v4 wire: { "@ref": { id, collection: { "@ref": { id } } } }, and { "@ts": … } / { "@date": … }.
  if (keys.length === 1 && isObject(value['@ref'])) {
    const r = value['@ref'];
    const coll = isObject(r.collection) && isObject(r.collection['@ref']) ? r.collection['@ref'].id : undefined;
    return typeof coll === 'string' ? `${coll}/${String(r.id)}` : String(r.id);
  }
  if (keys.length === 1 && (typeof value['@ts'] === 'string' || typeof value['@date'] === 'string')) return String(value['@ts'] ?? value['@date']);
  return null;
}

/** Views that make sense for a result, in the switcher's order. */
export function viewsFor(result: RunResult | null, lang: 'fql10' | 'fql4'): ResultView[] {
  const views: ResultView[] = ['decorated', ...(lang === 'fql10' ? (['simple', 'tagged'] as const) : (['wire'] as const)), 'tree'];
  if (result?.ok && tableOf(result)) views.splice(views.length - 1, 0, 'table');
  return views;
}

/** The text Copy puts on the clipboard for a view. */
export function viewText(result: Ok, view: ResultView): string {
  switch (view) {
    case 'simple':
    case 'tagged':
    case 'wire':
      return result.json[view] ?? result.text;
    case 'table': {
      const table = tableOf(result);
      if (!table) return result.text;
      const clean = (s: string) => s.replace(/[\t\n]/g, ' ');
      return [table.columns, ...table.rows].map((r) => r.map(clean).join('\t')).join('\n');
    }
    case 'tree': {
      const data = dataOf(result);
      return data === undefined ? result.text : JSON.stringify(data, null, 2);
    }
    default:
      return result.text;
  }
}
