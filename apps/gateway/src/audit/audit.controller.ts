import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditPageDto, AuditQueryDto, Role } from '@app/contracts';
import { Roles } from '../auth/auth.decorators';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The audit log, newest first, `?limit=` (default 50, at most 200) and `?cursor=` (admins). */
  @Get()
  @Roles(Role.Admin)
  @ApiOkResponse({ type: AuditPageDto })
  list(@Query() q: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.page(q.limit ?? 50, q.cursor);
  }
}
