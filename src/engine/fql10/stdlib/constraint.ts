// `constraint_failure` errors: a headline plus one line per failing field, as Fauna's summary
// prints them under `constraint failures:`.
import type { Span } from '../../api';
import { FqlError } from '../../errors';

export interface ConstraintFailure {
  paths: string[][];
  message: string;
}

export class ConstraintError extends FqlError {
  constructor(
    message: string,
    readonly failures: ConstraintFailure[],
    span: Span,
  ) {
    super('constraint_failure', message, span);
  }
}

export function constraintFailure(headline: string, field: string, message: string, span: Span): ConstraintError {
  return new ConstraintError(headline, [{ paths: [[field]], message }], span);
}
