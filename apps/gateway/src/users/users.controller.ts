import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateUserDto, ErrorDto, Role, UpdateUserDto, UserViewDto } from '@app/contracts';
import { CurrentIdentity, Public, Roles } from '../auth/auth.decorators';
import type { Identity } from '../auth/identity';
import { UsersService } from './users.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a user id (UUID)') });

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Creates a user: anyone when `REGISTRATION=open` (role `user`), else admins (any role). */
  @Post()
  @Public()
  @ApiCreatedResponse({ type: UserViewDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'The username is taken' })
  create(@Body() dto: CreateUserDto, @CurrentIdentity() actor: Identity | null): Promise<UserViewDto> {
    return this.users.create(dto, actor);
  }

  /** Every user (admins). */
  @Get()
  @Roles(Role.Admin)
  @ApiOkResponse({ type: [UserViewDto] })
  list(): Promise<UserViewDto[]> {
    return this.users.list();
  }

  @Get(':id')
  @Roles(Role.Admin)
  @ApiOkResponse({ type: UserViewDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  get(@Param('id', uuid) id: string): Promise<UserViewDto> {
    return this.users.get(id);
  }

  /** Changes the user's role (admins); it counts from the user's next request on every gateway. */
  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOkResponse({ type: UserViewDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  update(@Param('id', uuid) id: string, @Body() dto: UpdateUserDto, @CurrentIdentity() actor: Identity): Promise<UserViewDto> {
    return this.users.setRole(id, dto.role, actor);
  }

  /** Deletes the user (admins); their sessions end at once on every gateway. Their submissions stay. */
  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Admin)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorDto })
  delete(@Param('id', uuid) id: string, @CurrentIdentity() actor: Identity): Promise<void> {
    return this.users.delete(id, actor);
  }
}
