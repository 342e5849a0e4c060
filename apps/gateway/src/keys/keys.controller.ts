import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateKeyDto, ErrorDto, KeyCreatedDto, KeyViewDto, Role } from '@app/contracts';
import { CurrentIdentity, Roles } from '../auth/auth.decorators';
import type { Identity } from '../auth/identity';
import { KeysService } from './keys.service';

@ApiTags('keys')
@Controller('keys')
@Roles(Role.Admin)
export class KeysController {
  constructor(private readonly keys: KeysService) {}

  /** `{ name, role }` → `201 { id, name, role, prefix, createdAt, key }`: the key is shown this once. */
  @Post()
  @ApiCreatedResponse({ type: KeyCreatedDto })
  create(@Body() dto: CreateKeyDto, @CurrentIdentity() actor: Identity): Promise<KeyCreatedDto> {
    return this.keys.create(dto, actor);
  }

  /** Every key, without the keys themselves. */
  @Get()
  @ApiOkResponse({ type: [KeyViewDto] })
  list(): Promise<KeyViewDto[]> {
    return this.keys.list();
  }

  /** Revokes the key at once on every gateway. */
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorDto })
  revoke(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a key id (UUID)') })) id: string,
    @CurrentIdentity() actor: Identity,
  ): Promise<void> {
    return this.keys.revoke(id, actor);
  }
}
