import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLOCK_NAMES, JOURNEY_EVENT_TYPES, REFERRAL_SERVICES } from '@sj/domain';
import { CLOCK_STATUSES } from '@sj/read-models';

/** OpenAPI shapes of `GET /children/{childId}/journey` (`JourneyResponse` in journey/journey-response.ts). */

export class JourneyEventSchema {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() streamRevision!: number;
  @ApiProperty({ enum: [...JOURNEY_EVENT_TYPES] }) type!: string;
  @ApiProperty({ format: 'date' }) occurredOn!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the fields of the event type, as recorded' }) data!: Record<
    string,
    unknown
  >;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ description: 'voided by a later EventVoided: kept in history, counted nowhere' }) voided!: boolean;
  @ApiPropertyOptional({ description: 'eventId of the EventVoided' }) voidedBy?: string;
  @ApiPropertyOptional() voidReason?: string;
}

/** `ClockView` (libs/domain/src/clocks/clock.ts). */
export class ClockViewSchema {
  @ApiProperty({ enum: [...CLOCK_NAMES] }) clock!: string;
  @ApiProperty({ description: 'unique per child and clock: requestId, adviceId, referralId, plan:<requestId>:review:<n>, year-7-2037…' })
  key!: string;
  @ApiProperty({ format: 'date' }) startedOn!: string;
  @ApiProperty({ type: 'string', format: 'date', nullable: true, description: 'null only for a clock without a target (portage)' }) dueOn!:
    string | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) stoppedOn!: string | null;
  @ApiPropertyOptional({ format: 'date' }) closedOn?: string;
  @ApiProperty({ enum: [...CLOCK_STATUSES] }) status!: string;
  @ApiProperty({ description: 'asOf (or the stop date) minus the due date, when positive' }) daysOverdue!: number;
  @ApiPropertyOptional() requestId?: string;
  @ApiPropertyOptional() referralId?: string;
  @ApiPropertyOptional() adviceId?: string;
}

/** `ReferralWait` (libs/domain/src/waiting-times/waiting-times.ts). */
export class ReferralWaitSchema {
  @ApiProperty() referralId!: string;
  @ApiProperty({ enum: [...REFERRAL_SERVICES] }) service!: string;
  @ApiProperty({ format: 'date' }) receivedOn!: string;
  @ApiProperty({ enum: ['waiting', 'seen', 'closed'] }) status!: string;
  @ApiPropertyOptional({ format: 'date' }) preAssessmentStartedOn?: string;
  @ApiPropertyOptional({ format: 'date' }) triagedOn?: string;
  @ApiPropertyOptional({ format: 'date' }) initialAppointmentOn?: string;
  @ApiPropertyOptional({ format: 'date' }) diagnosticOutcomeOn?: string;
}

export class JourneySchema {
  @ApiProperty() childId!: string;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: 'givenName, familyName, dateOfBirth, area, school, caseworker, … as registered and changed',
  })
  child!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'current referrals, requests, plan and case state' }) stages!: Record<
    string,
    unknown
  >;
  @ApiProperty({ type: [JourneyEventSchema], description: 'every event dated on or before asOf, voided ones marked' }) events!: JourneyEventSchema[];
  @ApiProperty({ type: [ClockViewSchema] }) clocks!: ClockViewSchema[];
  @ApiProperty({ type: [ReferralWaitSchema] }) waitingTimes!: ReferralWaitSchema[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'counted suspensions, totals by school year and term, triggers, permanent exclusions',
  })
  inclusion!: Record<string, unknown>;
}
