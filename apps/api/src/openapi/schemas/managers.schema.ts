import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLOCK_NAMES, REFERRAL_SERVICES } from '@sj/domain';
import { CLOCK_STATUSES } from '@sj/read-models';

/** OpenAPI shapes of the managers' queries (libs/read-models/src/queries/*.query.ts). */

abstract class PageSchema {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: 'rows matching the filters, over all pages' }) total!: number;
  @ApiProperty({ format: 'date' }) asOf!: string;
}

/** `ClockItem`. */
export class ClockItemSchema {
  @ApiProperty() childId!: string;
  @ApiProperty({ description: 'the area the clock counts in: where the child lived on its stop or close date, or on asOf while open' }) area!: string;
  @ApiProperty({ type: 'string', nullable: true }) school!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) caseworker!: string | null;
  @ApiProperty({ enum: [...CLOCK_NAMES] }) clock!: string;
  @ApiProperty() key!: string;
  @ApiProperty({ format: 'date' }) startedOn!: string;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) dueOn!: string | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) stoppedOn!: string | null;
  @ApiProperty({ enum: [...CLOCK_STATUSES] }) status!: string;
  @ApiProperty() daysOverdue!: number;
  @ApiPropertyOptional() requestId?: string;
  @ApiPropertyOptional() referralId?: string;
  @ApiPropertyOptional() adviceId?: string;
  @ApiPropertyOptional({ description: 'the reg 10(4) exception, when excepted' }) exception?: string;
  @ApiPropertyOptional({ type: [String], example: ['draftResponseWindowCut'] }) flags?: string[];
  @ApiPropertyOptional({ format: 'date', description: 'when a closed clock stopped applying (closed after its due date, it keeps its daysOverdue)' })
  closedOn?: string;
}

export class ClocksPageSchema extends PageSchema {
  @ApiProperty({ type: [ClockItemSchema], description: 'most overdue first' }) items!: ClockItemSchema[];
}

/** `WaitingSummary`: one row per area and service. */
export class WaitingSummarySchema {
  @ApiProperty() area!: string;
  @ApiProperty({ enum: [...REFERRAL_SERVICES] }) service!: string;
  @ApiProperty({ description: 'children waiting as of asOf' }) waiting!: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'days, nearest rank' }) median!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'days, nearest rank' }) p90!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'days' }) longest!: number | null;
}

/** `WaitingTrendMonth`. */
export class WaitingTrendMonthSchema {
  @ApiProperty({ example: '2025-03' }) month!: string;
  @ApiProperty({ format: 'date', description: 'the day the month is measured on (its last day, or asOf)' }) measuredOn!: string;
  @ApiProperty() waiting!: number;
  @ApiProperty({ type: 'number', nullable: true }) medianWaiting!: number | null;
  @ApiProperty() firstSeen!: number;
  @ApiProperty({ type: 'number', nullable: true }) medianWaitOfFirstSeen!: number | null;
}

/** `WaitingItem`: one open referral of the waiting list. */
export class WaitingItemSchema {
  @ApiProperty() childId!: string;
  @ApiProperty() area!: string;
  @ApiProperty() referralId!: string;
  @ApiProperty({ enum: [...REFERRAL_SERVICES] }) service!: string;
  @ApiProperty({ format: 'date' }) receivedOn!: string;
  @ApiProperty() daysWaited!: number;
  @ApiProperty({ example: 'pre-assessment' }) stage!: string;
}

export class WaitingTimesSchema extends PageSchema {
  @ApiProperty({ type: [WaitingItemSchema], description: 'the waiting list, longest wait first' }) items!: WaitingItemSchema[];
  @ApiProperty({ type: [WaitingSummarySchema] }) summary!: WaitingSummarySchema[];
}

/** `WaitingTrendResult`: the twelve months ending with asOf's month. */
export class WaitingTrendSchema {
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ type: 'string', enum: [...REFERRAL_SERVICES], nullable: true }) service!: string | null;
  @ApiProperty({ type: [WaitingTrendMonthSchema] }) months!: WaitingTrendMonthSchema[];
}

class TermFiguresSchema {
  @ApiProperty() count!: number;
  @ApiProperty() days!: number;
}

class TermsSchema {
  @ApiProperty({ type: TermFiguresSchema }) autumn!: TermFiguresSchema;
  @ApiProperty({ type: TermFiguresSchema }) spring!: TermFiguresSchema;
  @ApiProperty({ type: TermFiguresSchema }) summer!: TermFiguresSchema;
}

/** `SuspensionItem`. */
export class SuspensionItemSchema {
  @ApiProperty() childId!: string;
  @ApiProperty() area!: string;
  @ApiProperty({ type: 'string', nullable: true }) school!: string | null;
  @ApiProperty() schoolYear!: number;
  @ApiProperty() suspensionCount!: number;
  @ApiProperty() suspensionDays!: number;
  @ApiProperty({ type: TermsSchema }) terms!: TermsSchema;
  @ApiProperty({ description: "a term's counted suspensions exceed 15 school days" }) overTermLimit!: boolean;
  @ApiProperty({ description: "the year's exceed 45 school days" }) overYearLimit!: boolean;
  @ApiProperty({ type: 'string', format: 'date', nullable: true, description: 'date of the suspension that reached the trigger' }) triggeredOn!:
    string | null;
  @ApiProperty() permanentExclusions!: number;
}

/** `SuspensionTotals`. */
export class SuspensionTotalsSchema {
  @ApiProperty() childrenSuspended!: number;
  @ApiProperty() suspensions!: number;
  @ApiProperty() suspensionDays!: number;
  @ApiProperty() triggers!: number;
  @ApiProperty() overTermLimit!: number;
  @ApiProperty() overYearLimit!: number;
  @ApiProperty() permanentExclusions!: number;
}

export class SuspensionsSchema extends PageSchema {
  @ApiProperty({ type: [SuspensionItemSchema] }) items!: SuspensionItemSchema[];
  @ApiProperty({ example: 2024 }) schoolYear!: number;
  @ApiProperty({ type: SuspensionTotalsSchema }) totals!: SuspensionTotalsSchema;
}

/** `TimelinessFigures`. */
export class TimelinessFiguresSchema {
  @ApiProperty() issued!: number;
  @ApiProperty() within20Weeks!: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'one decimal place; null when none issued' }) percent!: number | null;
  @ApiProperty() issuedExcludingExceptions!: number;
  @ApiProperty() within20WeeksExcludingExceptions!: number;
  @ApiProperty({ type: 'number', nullable: true }) percentExcludingExceptions!: number | null;
}

export class TimelinessMonthSchema extends TimelinessFiguresSchema {
  @ApiProperty({ example: '2024-03' }) month!: string;
}

export class TimelinessSchema {
  @ApiProperty({ example: 2024 }) year!: number;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ type: [TimelinessMonthSchema], description: 'all twelve months, zeros included' }) months!: TimelinessMonthSchema[];
  @ApiProperty({ type: TimelinessFiguresSchema }) total!: TimelinessFiguresSchema;
  @ApiProperty({
    description:
      'EHC needs assessment requests (re-assessment requests too) received in the year and by asOf, each in the area of the day it was received',
  })
  requestsReceived!: number;
  @ApiProperty({ description: 'of those, how many the LA decided not to assess or re-assess by asOf (its first decision on the request)' })
  refused!: number;
}
