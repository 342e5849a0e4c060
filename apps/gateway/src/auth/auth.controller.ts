import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ErrorDto, IdentityViewDto, LoginDto, LoginResultDto } from '@app/contracts';
import { UsersService } from '../users/users.service';
import { CurrentIdentity, Public } from './auth.decorators';
import type { Identity } from './identity';
import { SessionsService } from './sessions.service';
import { SESSION_PREFIX, tokenOf } from './tokens';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
  ) {}

  /** Username and password → `{ token, expiresAt, user }`; send the token as `Authorization: Bearer`. */
  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResultDto })
  @ApiUnauthorizedResponse({ type: ErrorDto, description: 'Wrong username or password' })
  login(@Body() dto: LoginDto): Promise<LoginResultDto> {
    return this.users.login(dto.username, dto.password);
  }

  /** Ends the session of the token sent (on every gateway at once). API keys are revoked with DELETE /keys/:id instead. */
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse()
  async logout(@Req() req: FastifyRequest): Promise<void> {
    const token = tokenOf(req.headers);
    if (token?.startsWith(SESSION_PREFIX)) await this.sessions.revoke(token);
  }

  /** Who the token stands for. */
  @Get('me')
  @ApiOkResponse({ type: IdentityViewDto })
  me(@CurrentIdentity() identity: Identity): IdentityViewDto {
    return { id: identity.id, kind: identity.kind, name: identity.name, role: identity.role };
  }
}
