// The v10 drivers send a query as a template: FQL text fragments interleaved with values
// (`{"fql": ["let x = ", {"value": {"@int": "17"}}, "; x"]}`). As Fauna's core does
// (FQL2Query.scala), the template is joined into FQL text with a placeholder for each value:
// text inside an `array`/`object` node and nested `fql` nodes inside them are parenthesized, and a
// container holding only values collapses into one value. Values are always decoded as tagged.
//
// Core's placeholder is `\0value>` and its diagnostics print it as `<value>`. The engine's lexer
// reads identifiers, so each placeholder here is a 7-character identifier (`_v0____`), and
// `displaySource` swaps them back to `<value>` in summaries: same width, so carets stay put.
import type { Value } from '../values/value';
import { decodeTagged, InvalidValue, type Json } from './tagged';

export interface ComposedQuery {
  source: string;
  bindings: Map<string, Value>;
  /** Placeholder names in `source`, in order. */
  placeholders: string[];
}

/** A request body the core's JSON decoder rejects: `invalid_request`, "Invalid request body…". */
export class BadBody extends Error {}

/** A template value that does not decode: the core fails the query's check phase. */
export class BadTemplateValue extends Error {
  constructor(
    message: string,
    readonly source: string,
    readonly offset: number,
    readonly length: number,
    readonly placeholders: string[],
  ) {
    super(message);
  }
}

const PLACEHOLDER_WIDTH = '<value>'.length;

function placeholder(n: number): string {
  return `_v${n}`.padEnd(PLACEHOLDER_WIDTH, '_');
}

/** Undecided template values, with where their placeholder sits in the text. */
interface Slot {
  value: Json;
  offset: number;
}

const NODE_KEYS = "an object with a single key 'fql', 'value', 'array', or 'object'";

/** Joins a template (or plain query text) into FQL source; values stay undecoded. */
export function joinTemplate(query: unknown): { text: string; slots: Slot[] } {
  if (typeof query === 'string') return { text: query, slots: [] };
  if (!query || typeof query !== 'object' || Array.isArray(query)) throw new BadBody('Invalid request body');
  let text = '';
  let slots: Slot[] = [];
  let hitQuery = false;
  let inContainer = false;

  const pushValue = (value: Json) => {
    slots.push({ value, offset: text.length });
    text += '\u0000';
  };

  const read = (x: unknown): void => {
    if (typeof x === 'string') {
      if (x.includes('\u0000')) throw new BadBody('Invalid request body: FQL strings cannot contain NUL characters');
      hitQuery = true;
      text += inContainer ? `(${x})` : x;
      return;
    }
    if (!x || typeof x !== 'object' || Array.isArray(x)) throw new BadBody(`Invalid request body: expected ${NODE_KEYS}`);
    const keys = Object.keys(x);
    if (keys.length !== 1) throw new BadBody(`Invalid request body: expected ${NODE_KEYS}`);
    const key = keys[0]!;
    const inner = (x as Record<string, unknown>)[key];
    const outer = inContainer;
    switch (key) {
      case 'fql': {
        if (!Array.isArray(inner)) throw new BadBody('Invalid request body: expected an array');
        inContainer = false;
        if (outer) text += '(';
        for (const part of inner) read(part);
        if (outer) text += ')';
        inContainer = outer;
        return;
      }
      case 'value':
        pushValue(inner as Json);
        return;
      case 'array': {
        if (!Array.isArray(inner)) throw new BadBody('Invalid request body: expected an array');
        inContainer = true;
        container(() => {
          text += '[';
          inner.forEach((item, i) => {
            if (i > 0) text += ', ';
            read(item);
          });
          text += ']';
        }, (values) => values);
        inContainer = outer;
        return;
      }
      case 'object': {
        if (!inner || typeof inner !== 'object' || Array.isArray(inner)) throw new BadBody('Invalid request body: expected an object');
        const entries = Object.entries(inner as Record<string, unknown>);
        inContainer = true;
        container(() => {
          text += '{ ';
          entries.forEach(([k, v], i) => {
            if (i > 0) text += ', ';
            text += `${JSON.stringify(k)}: `;
            read(v);
          });
          text += ' }';
        }, (values) => ({ '@object': Object.fromEntries(entries.map(([k], i) => [k, values[i]!])) }));
        inContainer = outer;
        return;
      }
      default:
        throw new BadBody(`Invalid request body: expected ${NODE_KEYS}`);
    }
  };

  // A container whose items are all values becomes one value (the core saves evaluating it).
  const container = (emit: () => void, asValue: (values: Json[]) => Json) => {
    const prevHit = hitQuery;
    hitQuery = false;
    const textStart = text.length;
    const slotStart = slots.length;
    emit();
    if (!hitQuery) {
      const values = slots.slice(slotStart).map((s) => s.value);
      text = text.slice(0, textStart);
      slots = slots.slice(0, slotStart);
      pushValue(asValue(values));
    }
    hitQuery ||= prevHit;
  };

  read(query);
  return { text, slots };
}

/**
 * The template as FQL source with bound values. Throws `BadBody` for a malformed template and
 * `BadTemplateValue` for a value that does not decode.
 */
export function composeQuery(query: unknown): ComposedQuery {
  const { text, slots } = joinTemplate(query);
  const bindings = new Map<string, Value>();
  const placeholders: string[] = [];
  const offsets: number[] = [];
  let source = '';
  let last = 0;
  slots.forEach((slot, i) => {
    const name = placeholder(i);
    source += text.slice(last, slot.offset);
    offsets.push(source.length);
    source += name;
    last = slot.offset + 1;
    placeholders.push(name);
  });
  source += text.slice(last);
  slots.forEach((slot, i) => {
    const name = placeholders[i]!;
    try {
      bindings.set(name, decodeTagged(slot.value));
    } catch (e) {
      if (!(e instanceof InvalidValue)) throw e;
      throw new BadTemplateValue(e.message, source, offsets[i]!, name.length, placeholders);
    }
  });
  return { source, bindings, placeholders };
}

/** Source text as the core's diagnostics print it: each placeholder as `<value>`. */
export function displaySource(text: string, placeholders: string[]): string {
  if (placeholders.length === 0) return text;
  const names = new Set(placeholders);
  return text.replace(/(?<![A-Za-z0-9_])_v\d+_*(?![A-Za-z0-9_])/g, (m) => (names.has(m) ? '<value>' : m));
}
