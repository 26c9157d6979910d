import { Controller, Delete, HttpCode, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuditLog } from '../audit/audit-log';
import { Roles } from '../auth/auth.decorators';
import { callerOf, type AuthenticatedRequest } from '../auth/caller';
import { ChildIdPipe } from '../journey/dto/path-params.pipe';
import { ErrorBodySchema } from '../openapi/schemas/common.schema';
import { ErasureResultSchema } from '../openapi/schemas/security.schema';
import { ErasureService, type ErasureResult } from './erasure.service';

/** `DELETE /children/{childId}/personal-data` (admins only): erase a child's personal data. */
@ApiTags('security')
@ApiBearerAuth()
@Controller('children/:childId/personal-data')
@Roles('admin')
export class ErasureController {
  constructor(
    private readonly erasure: ErasureService,
    private readonly audit: AuditLog,
  ) {}

  @Delete()
  @HttpCode(200)
  @ApiOperation({ summary: "erase a child's personal data (admins): names, date of birth, NHS number and UPN become unreadable everywhere" })
  @ApiParam({ name: 'childId' })
  @ApiOkResponse({ type: ErasureResultSchema })
  @ApiNotFoundResponse({ type: ErrorBodySchema })
  async erase(@Param('childId', ChildIdPipe) childId: string, @Req() req: AuthenticatedRequest): Promise<ErasureResult> {
    const result = await this.erasure.erase(childId);
    await this.audit.record(callerOf(req), 'erase', `${req.method} ${req.originalUrl}`, req.correlationId, [childId]);
    return result;
  }
}
