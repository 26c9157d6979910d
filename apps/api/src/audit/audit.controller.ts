import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { QueryParamsPipe } from '../http/query-params.pipe';
import { AuditPageSchema } from '../openapi/schemas/security.schema';
import { AuditLog, type AuditEntry } from './audit-log';
import { AuditQueryDto } from './audit-query.dto';

/** `GET /audit`: who read or erased which children's records, newest first (admins only). */
@ApiTags('security')
@ApiBearerAuth()
@Controller('audit')
@Roles('admin')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @ApiOperation({ summary: 'who read or erased which children (admins)' })
  @ApiOkResponse({ type: AuditPageSchema })
  @ApiQuery({ name: 'childId', required: false })
  @ApiQuery({ name: 'sub', required: false })
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD or a UTC instant' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD (the whole day) or a UTC instant' })
  @ApiQuery({ name: 'page', required: false, type: 'integer' })
  @ApiQuery({ name: 'pageSize', required: false, type: 'integer' })
  list(
    @Query(new QueryParamsPipe(AuditQueryDto)) query: AuditQueryDto,
  ): Promise<{ items: AuditEntry[]; total: number; page: number; pageSize: number }> {
    return this.audit.find({
      ...(query.childId !== undefined ? { childId: query.childId } : {}),
      ...(query.sub !== undefined ? { sub: query.sub } : {}),
      ...(query.from !== undefined ? { from: query.from } : {}),
      ...(query.to !== undefined ? { to: query.to } : {}),
      page: query.page ?? 1,
      pageSize: query.pageSize ?? 50,
    });
  }
}
