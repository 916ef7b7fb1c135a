// The playground's one extension of Fauna's protocol. The page itself runs every query through
// the wire handler, like a driver does; what Fauna's responses cannot carry but the page shows —
// who ran the query, the cost of each source span, the other result formats, v4's shell display
// and an error's source span — travels in an `explain` field, added only when the request asks
// for it with `x-playground-explain: true`. Drivers never send that header, so they get Fauna's
// bodies byte for byte (and v4's `x-query-bytes-out` never counts the extension).
//
// The page sends v4 queries as typed (the JS-call syntax), not as the wire JSON a driver builds:
// `x-playground-syntax: fql4-js` on `POST /` says so; the engine parses it with acorn (never eval)
// and bills `bytesIn` as the compact wire JSON of the parsed expression, as the v4 shell did.
import { EXPLAIN_HEADER, type WireExplain } from '../api';
import { describePrincipal } from '../auth/principal';
import type { Executed } from '../engine';
import { notesOf } from '../render/notes';
import { toSimple, toTagged } from './tagged';

export { EXPLAIN_HEADER, FQL4_JS, SYNTAX_HEADER, type WireExplain } from '../api';

export function wantsExplain(headers: Headers): boolean {
  return headers.get(EXPLAIN_HEADER)?.toLowerCase() === 'true';
}

export function explainOf(x: Executed): WireExplain {
  const out: WireExplain = {
    principal: x.principal ? describePrincipal(x.principal) : 'nobody (unauthorized)',
    costs: x.costs,
  };
  if (x.logs.length > 0) out.logs = x.logs;
  const notes = notesOf(x);
  if (notes.length > 0) out.notes = notes;
  if (!x.ok) out.error = x.error;
  else if (x.lang === 'fql4') out.text = x.output.text;
  else out.json = { simple: JSON.stringify(toSimple(x.value), null, 2), tagged: JSON.stringify(toTagged(x.value), null, 2) };
  return out;
}
