// Notes beside a result, never a change to Fauna's own output (drivers get Fauna's bodies
// unchanged; the page shows notes from the `explain` extension): where Fauna's docs and core
// disagree, the playground does what the core does and says so; where Fauna hints at a full
// collection scan, the playground also suggests the index that avoids it.
import type { Executed } from '../engine';
import { Page } from '../values/set';
import { NullDoc, type Value } from '../values/value';

export const IDENTITY_NOTE =
  "Fauna's docs (the v4 Login page) say a token whose identity is in no role may still read its own identity document; " +
  "Fauna's core allows such a token only its own tokens and credential, and the playground follows the core. " +
  "To read the identity, create a role whose membership includes the identity's collection and give it read on that collection.";

export const TOKEN_DATABASE_NOTE =
  "An older docs page (Token.create()) lists `database` among Token.create's fields; Fauna's core accepts only `id`, " +
  '`document`, `ttl` and `data`, and the playground follows the core. A token always opens the database of its document.';

export function notesOf(x: Executed): string[] {
  const notes: string[] = [];
  const p = x.principal;
  if (p?.kind === 'identity') {
    const denied = x.ok
      ? x.lang === 'fql10' && holdsDenied(x.value, p.identity.coll, p.identity.id)
      : x.error.code === 'permission denied' || x.error.code === 'permission_denied';
    if (denied) notes.push(IDENTITY_NOTE);
  }
  if (!x.ok && x.failures?.some((f) => f.paths.some((path) => path.length === 1 && path[0] === 'database')) && /\bToken\s*\.\s*create\b/.test(x.error.summary)) {
    notes.push(TOKEN_DATABASE_NOTE);
  }
  // Fauna's collection_scan hint names the problem; the playground also suggests the index.
  for (const line of x.logs) {
    const scan = /^performance_hint: collection_scan - Using (\w+)\(\) on collection (\w+) /.exec(line);
    if (scan) notes.push(scanNote(scan[1]!, scan[2]!));
  }
  return notes;
}

export function scanNote(method: string, coll: string): string {
  return (
    `${method}() tests every ${coll} document. An index on the field it tests reads only the matches: ` +
    `${coll}.definition.update({ indexes: { byField: { terms: [{ field: ".field" }] } } }), then ${coll}.byField(value).`
  );
}

/** Whether a result shows the identity's own document as `/* permission denied *\/`. */
function holdsDenied(v: Value, coll: string, id: string, depth = 0): boolean {
  if (depth > 20) return false;
  if (v instanceof NullDoc) return v.cause === 'permission denied' && v.ref.coll === coll && v.ref.id === id;
  if (v instanceof Page) return v.data.some((x) => holdsDenied(x, coll, id, depth + 1));
  if (Array.isArray(v)) return v.some((x) => holdsDenied(x, coll, id, depth + 1));
  if (v instanceof Map) return [...v.values()].some((x) => holdsDenied(x, coll, id, depth + 1));
  return false;
}
