/** One problem with a request, naming the field as the caller sent it (`data.schoolDays`, `asOf`, `childId`). */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
  readonly [extra: string]: unknown;
}

/** The request is malformed: answered 400 with every problem found. */
export class RequestValidationError extends Error {
  constructor(readonly details: readonly FieldProblem[]) {
    super(details.map((d) => d.message).join('; '));
    this.name = 'RequestValidationError';
  }
}
