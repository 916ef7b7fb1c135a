// Sets: lazy sequences (a collection, an index match, a pipeline of set methods) read a page at
// a time, and the pages they materialize into.
import type { Value } from './value';

/** A lazy sequence. `iterate` starts a fresh pass over it each time it is called. */
export class SetV {
  constructor(
    readonly iterate: () => AsyncIterable<Value>,
    /** Page size when the set is returned or paginated without a size. */
    readonly pageSize = 16,
  ) {}
}

/** A set's page as a result: `{ data: [...], after: "<cursor>" }`. */
export class Page {
  constructor(
    readonly data: Value[],
    readonly after?: string,
  ) {}
}

/**
 * A set nested deeper than results materialize (Fauna: 10 levels of sets in pages): only its
 * cursor travels, `{"@set": "<cursor>"}` in the tagged format (the drivers' EmbeddedSet).
 */
export class EmbeddedSet extends Page {
  constructor(readonly cursor: string) {
    super([], cursor);
  }
}

export const DEFAULT_PAGE_SIZE = 16;
export const MAX_PAGE_SIZE = 16000;
