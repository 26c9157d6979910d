import { Query } from '@nestjs/cqrs';
import type { JourneyResponse } from './journey-response';

/**
 * A child's journey as of a date (events dated after it have not happened yet), for a caller who may see
 * children in the area `mayRead` accepts; any other child answers as not registered.
 */
export class GetJourneyQuery extends Query<JourneyResponse> {
  constructor(
    readonly childId: string,
    readonly asOf: string,
    readonly mayRead: (area: string) => Promise<boolean>,
  ) {
    super();
  }
}
