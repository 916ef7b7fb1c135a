// The one error type of the engine: Fauna's code and message, and the source span it points at.
// v10 codes are snake_case (`invalid_secret`); v4 codes are Fauna's v4 phrases
// (`authentication failed`), which is what each language's clients expect.
import type { Span } from './api';

export class FqlError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly span?: Span,
    /** v4 only: the error's position as a path into the request expression. */
    readonly position?: Array<string | number>,
  ) {
    super(message);
    this.name = 'FqlError';
  }

  /** Further errors found in the same pass (the parser reports every syntax error at once). */
  more: FqlError[] = [];
}

/** Two queries wrote what the other read; the loser is retried from scratch. */
export class ContentionError extends Error {
  constructor() {
    super('transaction contended');
    this.name = 'ContentionError';
  }
}

/** HTTP status Fauna answers with for an error code (v10 core answers 400 for query errors). */
export function httpStatusOf(code: string): number {
  switch (code) {
    case 'unauthorized':
      return 401;
    case 'permission denied':
    case 'permission_denied':
      return 403;
    case 'instance not found':
      return 404;
    case 'contended_transaction':
      return 409;
    case 'internal_error':
      return 500;
    default:
      return 400;
  }
}

/** The query ran past its request's timeout; it stops before its commit, so it wrote nothing. */
export class QueryTimeout extends Error {
  constructor(readonly elapsedMs: number) {
    super(`query timed out after ${elapsedMs} ms`);
    this.name = 'QueryTimeout';
  }
}
