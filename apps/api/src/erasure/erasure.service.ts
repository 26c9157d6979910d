import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, Clock, type AppConfig } from '@sj/config';
import { ChildNotRegistered } from '@sj/domain';
import { journeyStreamId, type ChildKeyStore, type EventStore } from '@sj/event-store';
import { join } from 'node:path';
import { CHILD_KEY_STORE, EVENT_STORE } from '../../../shared/src/tokens';
import { scrubReadModels } from './read-model-scrub';

export interface ErasureResult {
  readonly childId: string;
  readonly erasedAt: string;
  /** The child had been erased before; nothing changed. */
  readonly alreadyErased: boolean;
  /** The read models' WAL was emptied (false only if readers held it for seconds; the next checkpoint finishes it). */
  readonly readModelsScrubbed: boolean;
}

/**
 * Erasure of a child's personal data (UK GDPR Art. 17) by crypto-shredding: the child's key is destroyed,
 * so the encrypted fields in the log, its backups and its replicas can never be read again, and the read
 * models are scrubbed at once. The journey, clocks, counts and statistics stay, without a name.
 */
@Injectable()
export class ErasureService {
  private readonly logger = new Logger('Erasure');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHILD_KEY_STORE) private readonly keys: ChildKeyStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async erase(childId: string): Promise<ErasureResult> {
    const stream = await this.store.readStream(journeyStreamId(childId));
    if (!stream.some((e) => e.type === 'ChildRegistered')) throw new ChildNotRegistered(childId);
    const destroyed = await this.keys.destroy(childId, this.clock.now().toISOString());
    const scrubbed = await scrubReadModels(join(this.config.dataDir, 'read-models.sqlite'), childId, destroyed.erasedAt);
    this.logger.log({ msg: 'personal data erased', childId, alreadyErased: destroyed.alreadyErased, walTruncated: scrubbed.walTruncated });
    return { childId, erasedAt: destroyed.erasedAt, alreadyErased: destroyed.alreadyErased, readModelsScrubbed: scrubbed.walTruncated };
  }
}
