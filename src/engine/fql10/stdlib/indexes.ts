// Index methods: each index of a collection's definition is a method of the collection,
// `Customer.byEmail("a@b.c")`, giving the Set of matching documents in the index's order. It
// reads index entries by key range — never a collection scan — and bills index pages (one
// partition with terms, eight without).
import { FqlError } from '../../errors';
import { decode } from '../../store/codec';
import { keyOf, unpadId } from '../../store/index-keys';
import { SetV } from '../../values/set';
import { IndexedRef, type Value } from '../../values/value';
import type { Interpreter } from '../interpreter';
import { invalidArgument, type CallSpans } from './args';
import { noSuchFunction } from './dispatch';
import { billedSet, readable } from './sets';
import { totalOrder } from './ordering';

export async function callIndex(interp: Interpreter, coll: string, name: string, args: Value[], spans: CallSpans): Promise<Value> {
  const def = await interp.tx.getCollection(coll);
  // Own names only: `toString` or `constructor` are no index of a definition object.
  const index = def?.indexes && Object.hasOwn(def.indexes, name) ? def.indexes[name] : undefined;
  // A v4 index is no method of its collection in v10 (Fauna's legacy indexes).
  if (!def || !index || index.legacy) return noSuchFunction(name, coll, spans.call);
  const nTerms = index.terms.length;
  if (args.length < nTerms || args.length > nTerms + 1) {
    throw new FqlError(
      'invalid_function_invocation',
      `callee function expects ${nTerms === 0 ? 'no' : `exactly ${nTerms}`} term argument${nTerms === 1 ? '' : 's'}, but ${args.length} ${args.length === 1 ? 'was' : 'were'} provided.`,
      spans.call,
    );
  }
  const terms = args.slice(0, nTerms).map((v) => keyOf(v));
  const range = args[nTerms];
  let from: Value[] | undefined;
  let to: Value[] | undefined;
  if (range !== undefined) {
    if (!(range instanceof Map)) throw invalidArgument('range', 'expected { from, to }', spans.args[nTerms]!);
    const f = range.get('from');
    const t = range.get('to');
    from = f === undefined || f === null ? undefined : Array.isArray(f) ? f : [f];
    to = t === undefined || t === null ? undefined : Array.isArray(t) ? t : [t];
  }
  return billedSet(interp, nTerms === 0 ? 8 : 1, async () => {
    const entries = await interp.tx.indexEntries(def, name, terms);
    const rows = entries.map((e) => ({ id: unpadId(e.id), values: e.covered.map(decode) }));
    const coveredNames = index.values.map((v) => (v.path.length === 1 ? v.path[0]! : undefined));
    // Stored key order is ascending on every value; apply each value's own direction.
    rows.sort((a, b) => {
      for (let i = 0; i < index.values.length; i++) {
        const c = totalOrder(a.values[i]!, b.values[i]!);
        if (c !== 0) return index.values[i]!.desc ? -c : c;
      }
      return BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0;
    });
    const inRange = (vals: Value[]) => {
      const cmp = (bound: Value[]) => {
        for (let i = 0; i < bound.length && i < vals.length; i++) {
          const c = totalOrder(vals[i]!, bound[i]!);
          if (c !== 0) return index.values[i]?.desc ? -c : c;
        }
        return 0;
      };
      return (from === undefined || cmp(from) >= 0) && (to === undefined || cmp(to) <= 0);
    };
    // Terms are covered as values are (Fauna's collectCoveredValues): every entry read by these
    // terms holds exactly the term values given.
    const termValues = new Map<string, Value>();
    index.terms.forEach((path, i) => path.length === 1 && termValues.set(path[0]!, args[i]!));
    const refs = rows.filter((r) => inRange(r.values)).map((r) => {
      const covered = new Map(termValues);
      coveredNames.forEach((n, i) => n !== undefined && covered.set(n, r.values[i]!));
      return new IndexedRef(coll, r.id, covered, `${coll}.${name}`, spans.call);
    });
    return readable(interp, coll, refs);
  });
}

export type { SetV };
