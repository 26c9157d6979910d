import { Query } from '@nestjs/cqrs';
import type { NextStep } from '@sj/domain';

/** What `GET /children/:childId/next-steps` answers: the steps the order rules accept on `asOf`. */
export interface NextStepsResponse {
  readonly childId: string;
  readonly asOf: string;
  readonly steps: readonly NextStep[];
}

/**
 * The steps that could be recorded for a child on a date, for a caller who may see children in the area
 * `mayRead` accepts; any other child answers as not registered (as the journey does).
 */
export class GetNextStepsQuery extends Query<NextStepsResponse> {
  constructor(
    readonly childId: string,
    readonly asOf: string,
    readonly mayRead: (area: string) => boolean | Promise<boolean>,
  ) {
    super();
  }
}
