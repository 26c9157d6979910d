import { Query } from '@nestjs/cqrs';
import type { JourneyResponse } from './journey-response';

/** A child's journey as of a date (events dated after it have not happened yet). */
export class GetJourneyQuery extends Query<JourneyResponse> {
  constructor(
    readonly childId: string,
    readonly asOf: string,
  ) {
    super();
  }
}
