import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '@sj/config';
import { ChildNotRegistered } from '@sj/domain';
import { journeyStreamId, type ChildKeyStore, type EventStore } from '@sj/event-store';
import { CHILD_KEY_STORE, EVENT_STORE } from '../../../shared/src/tokens';
import type { ChildSearchIndex } from '@sj/read-models';
import { CHILD_SEARCH_INDEX } from '../children-search/child-search-index.provider';

export interface ErasureResult {
  readonly childId: string;
  readonly erasedAt: string;
  /** The child had been erased before; nothing changed. */
  readonly alreadyErased: boolean;
}

/**
 * Erasure of a child's personal data (UK GDPR Art. 17) by crypto-shredding: the child's key is destroyed,
 * so the encrypted fields in the log, its backups and its replicas can never be read again, and the search index
 * forgets the child at once. The read models, the alerts and the audit log hold no personal data to scrub. The
 * journey, clocks, counts and statistics stay, without a name.
 */
@Injectable()
export class ErasureService {
  private readonly logger = new Logger('Erasure');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHILD_KEY_STORE) private readonly keys: ChildKeyStore,
    private readonly clock: Clock,
    @Inject(CHILD_SEARCH_INDEX) private readonly childSearch: ChildSearchIndex,
  ) {}

  async erase(childId: string): Promise<ErasureResult> {
    const stream = await this.store.readStream(journeyStreamId(childId));
    if (!stream.some((e) => e.type === 'ChildRegistered')) throw new ChildNotRegistered(childId);
    const destroyed = await this.keys.destroy(childId, this.clock.now().toISOString());
    // the child is no longer found by name, NHS number or UPN, at once and after any rebuild of the index
    await this.childSearch.forget(childId, destroyed.erasedAt);
    this.logger.log({ msg: 'personal data erased', childId, alreadyErased: destroyed.alreadyErased });
    return { childId, erasedAt: destroyed.erasedAt, alreadyErased: destroyed.alreadyErased };
  }
}
