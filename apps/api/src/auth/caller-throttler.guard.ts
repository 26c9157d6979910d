import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Caller } from './caller';

/**
 * Rate limit per signed-in caller (their `sub`), per client address for the public routes. Runs after the
 * AuthGuard, so the subject is a verified one. Counts are kept in this process's memory.
 */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const { caller, ip } = req as { caller?: Caller; ip?: string };
    return caller !== undefined ? `sub:${caller.sub}` : `ip:${ip ?? 'unknown'}`;
  }
}
