import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SEN2_PROBLEM_CODES } from '@sj/domain';

/** OpenAPI shapes of the SEN2 return's JSON answers (apps/api/src/returns/returns.controller.ts). */

export class Sen2ProblemSchema {
  @ApiProperty({ enum: [...SEN2_PROBLEM_CODES] }) code!: string;
  @ApiProperty({ enum: ['error', 'query'], description: 'error: DfE would reject the return; query: DfE would ask the LA to explain' })
  severity!: string;
  @ApiProperty({ description: 'the module: header, 1, 2, 3, 4a, 4b, 5a, 5b or 5c', example: '1' }) module!: string;
  @ApiProperty({ description: "DfE's item name", example: 'Sex' }) item!: string;
  @ApiPropertyOptional() requestId?: string;
  @ApiPropertyOptional() placementId?: string;
  @ApiProperty({ description: 'what is wrong and how to put it right; never personal data' }) message!: string;
}

export class Sen2ChildProblemsSchema {
  @ApiProperty() childId!: string;
  @ApiProperty({
    description: "the child's journey as of the census date, where the problem can be put right",
    example: '/dashboard/children/child-0001?asOf=2026-01-15',
  })
  journey!: string;
  @ApiProperty() errors!: number;
  @ApiProperty() queries!: number;
  @ApiProperty({ type: [Sen2ProblemSchema] }) problems!: Sen2ProblemSchema[];
}

export class Sen2ProblemsPageSchema {
  @ApiProperty({ example: 2025 }) year!: number;
  @ApiProperty({ format: 'date', example: '2026-01-15' }) censusDate!: string;
  @ApiProperty({ type: [Sen2ProblemSchema], description: 'problems with the return as a whole (its header)' }) returnProblems!: Sen2ProblemSchema[];
  @ApiProperty({ description: 'children with at least one problem' }) total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: [Sen2ChildProblemsSchema] }) children!: Sen2ChildProblemsSchema[];
}

export class Sen2BuildProgressSchema {
  @ApiProperty({ enum: ['reading-log', 'building', 'done'] }) phase!: string;
  @ApiProperty() eventsRead!: number;
  @ApiProperty() childrenDone!: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'known once the log has been read' }) childrenTotal!: number | null;
}

export class Sen2ModuleCountsSchema {
  @ApiProperty() person!: number;
  @ApiProperty() requests!: number;
  @ApiProperty() assessment!: number;
  @ApiProperty() namedPlan!: number;
  @ApiProperty() planDetail!: number;
  @ApiProperty() activePlans!: number;
  @ApiProperty() placementDetail!: number;
  @ApiProperty() senNeed!: number;
}

export class Sen2FiguresSchema {
  @ApiProperty({ description: 'requests received in the year: GET /reports/timeliness requestsReceived as of the census date' })
  requestsReceived!: number;
  @ApiProperty({ description: 'of those, refused (RequestOutcome N): GET /reports/timeliness refused as of the census date' }) refused!: number;
  @ApiProperty({ description: 'plans issued in the year (AssessmentOutcome Y dated in it): GET /reports/timeliness total.issued' })
  plansIssued!: number;
  @ApiProperty() within20Weeks!: number;
  @ApiProperty() issuedExcludingExceptions!: number;
  @ApiProperty() within20WeeksExcludingExceptions!: number;
}

export class Sen2ProblemCountsSchema {
  @ApiProperty() children!: number;
  @ApiProperty() errors!: number;
  @ApiProperty() queries!: number;
}

export class Sen2LastYearSchema {
  @ApiProperty() year!: number;
  @ApiProperty({ enum: ['ready', 'building'] }) status!: string;
  @ApiProperty({ type: Sen2BuildProgressSchema }) progress!: Sen2BuildProgressSchema;
  @ApiProperty({ type: Sen2ModuleCountsSchema, nullable: true }) modules!: Sen2ModuleCountsSchema | null;
}

export class Sen2SummarySchema {
  @ApiProperty({ example: 2025 }) year!: number;
  @ApiProperty({ format: 'date' }) censusDate!: string;
  @ApiProperty({ enum: ['ready', 'building'], description: 'building: answered with 202; ask again' }) status!: string;
  @ApiProperty({ type: Sen2BuildProgressSchema }) progress!: Sen2BuildProgressSchema;
  @ApiProperty({ type: Sen2ModuleCountsSchema, nullable: true }) modules!: Sen2ModuleCountsSchema | null;
  @ApiProperty({ type: Sen2FiguresSchema, nullable: true }) figures!: Sen2FiguresSchema | null;
  @ApiProperty({ type: Sen2ProblemCountsSchema, nullable: true }) problems!: Sen2ProblemCountsSchema | null;
  @ApiProperty({ type: [Sen2ProblemSchema] }) returnProblems!: Sen2ProblemSchema[];
  @ApiProperty({ type: Sen2LastYearSchema }) lastYear!: Sen2LastYearSchema;
}
