import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@sj/config';
import { foldJourney } from '@sj/domain';
import { decodeJourneyEvent, journeyStreamId, type EventStore } from '@sj/event-store';
import { searchAlternativesOf, SearchTermHasher, type ChildSearchIndex, type Page } from '@sj/read-models';
import { AuditLog } from '../audit/audit-log';
import { AccessDeniedError } from '../auth/auth.errors';
import { hasRole, mayAccessArea, type Caller } from '../auth/caller';
import type { RequestWithCorrelation } from '../http/correlation';
import { QueryParamsPipe } from '../http/query-params.pipe';
import { EVENT_STORE } from '../../../shared/src/tokens';
import { CHILD_SEARCH_INDEX } from './child-search-index.provider';
import { FIND_CHILD_PAGE_SIZE, FindChildQueryDto } from './find-child-query.dto';

/** One child found. Name and date of birth only for the roles that see personal data (caseworkers, admins). */
export interface FoundChild {
  readonly childId: string;
  /** Given and family name; `erased` once the child's personal data has been erased. */
  readonly name?: string;
  readonly dateOfBirth?: string | null;
  readonly area: string;
  readonly school: string | null;
  readonly caseworker: string | null;
  /** Where the journey stands now, in the domain's words (`EHC needs assessment: awaiting decision to assess`). */
  readonly currentStages: readonly string[];
}

export type FoundChildren = Page<FoundChild> & { readonly search: string };

export interface FindChildParams {
  readonly search: string;
  readonly page: number;
  readonly pageSize: number;
}

const CHILD_ID = /^[A-Za-z0-9_-]{1,64}$/;
const SEARCH_ROLES = ['caseworker', 'manager'] as const;
const params = new QueryParamsPipe(FindChildQueryDto);

/** Reads `GET /children`'s query, or throws the RequestValidationError that names each problem (answered 400). */
export function findChildParamsOf(query: unknown): FindChildParams {
  const dto = params.transform(query);
  return { search: dto.search.trim(), page: Number(dto.page ?? 1), pageSize: Number(dto.pageSize ?? FIND_CHILD_PAGE_SIZE) };
}

/**
 * Finding a child in the caller's areas by name, NHS number, UPN or id (docs/security.md, "Finding a child"). The
 * search's normalised terms are hashed with the index's key and looked up; each child found is then read from the
 * log (decrypted) for the row, and checked against the caller's areas again, since the index may lag the log.
 */
@Injectable()
export class ChildrenSearch {
  private hasher: Promise<SearchTermHasher> | undefined;

  constructor(
    @Inject(CHILD_SEARCH_INDEX) private readonly index: ChildSearchIndex,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async find(caller: Caller, params: FindChildParams, req: RequestWithCorrelation): Promise<FoundChildren> {
    // the panel works from the children its alerts name, not from a search of the area
    if (!hasRole(caller, 'admin', ...SEARCH_ROLES)) {
      throw new AccessDeniedError('ROLE_NOT_ALLOWED', 'Finding a child is for caseworkers and managers, in their own areas.');
    }
    const hasher = await this.hasherOnce();
    const found = await this.index.find({
      anyOf: searchAlternativesOf(params.search).map((group) => hasher.hashAll(group)),
      ...(CHILD_ID.test(params.search) ? { childId: params.search } : {}),
      areas: caller.areas,
      page: params.page,
      pageSize: params.pageSize,
    });
    const showPersonal = hasRole(caller, 'caseworker', 'admin');
    const items: FoundChild[] = [];
    for (const childId of found.childIds) {
      const row = await this.rowOf(childId, showPersonal);
      if (row !== undefined && mayAccessArea(caller, row.area)) items.push(row);
    }
    // the route without the search text: a name typed into the search is not kept in the audit log in the clear
    if (items.length > 0)
      await this.audit.record(
        caller,
        'read',
        `${req.method} ${req.path}`,
        req.correlationId,
        items.map((c) => c.childId),
        this.clock.now(),
      );
    return { items, page: params.page, pageSize: params.pageSize, total: found.total, asOf: this.clock.today(), search: params.search };
  }

  private async rowOf(childId: string, showPersonal: boolean): Promise<FoundChild | undefined> {
    const { child, currentStages } = foldJourney((await this.store.readStream(journeyStreamId(childId))).map(decodeJourneyEvent));
    if (child === null) return undefined;
    const name = child.erased ? 'erased' : [child.givenName, child.familyName].filter((part) => part !== null && part !== '').join(' ');
    return {
      childId,
      ...(showPersonal ? { name, dateOfBirth: child.dateOfBirth } : {}),
      area: child.area,
      school: child.school,
      caseworker: child.caseworker,
      currentStages,
    };
  }

  private hasherOnce(): Promise<SearchTermHasher> {
    this.hasher ??= this.index.hashKey().then(
      (key) => new SearchTermHasher(key),
      (error: unknown) => {
        this.hasher = undefined;
        throw error;
      },
    );
    return this.hasher;
  }
}
