import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { LANGUAGE_IDS, LanguageId } from './language';
import { SubmissionViewDto } from './views.dto';
import { Verdict } from './verdict.enum';

/** Roles, from most to least powerful: `admin` everything, `setter` problems, `user` submits and reads its own. */
export enum Role {
  Admin = 'admin',
  Setter = 'setter',
  User = 'user',
}
export const ROLES = Object.values(Role);

/** `POST /api/v1/users`. `role` only from an admin (default `user`). */
export class CreateUserDto {
  @ApiProperty({ example: 'ada', description: '3-64 of a-z A-Z 0-9 _ . -' })
  @IsString() @Matches(/^[A-Za-z0-9_.-]{3,64}$/, { message: 'username must be 3-64 of A-Z a-z 0-9 _ . -' })
  username: string;

  @ApiProperty({ minLength: 8, maxLength: 200 })
  @IsString() @MinLength(8) @MaxLength(200)
  password: string;

  @ApiPropertyOptional({ enum: Role, default: Role.User, description: 'admins only' })
  @IsOptional() @IsIn(ROLES)
  role?: Role;
}

/** `POST /api/v1/auth/login`. */
export class LoginDto {
  @ApiProperty() @IsString() @MaxLength(64) username: string;
  @ApiProperty() @IsString() @MaxLength(200) password: string;
}

/** `PATCH /api/v1/users/:id` (admins). */
export class UpdateUserDto {
  @ApiProperty({ enum: Role }) @IsIn(ROLES) role: Role;
}

/** `POST /api/v1/keys` (admins). */
export class CreateKeyDto {
  @ApiProperty({ example: 'ci-runner', maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100) @Matches(/^[^\u0000-\u001f]*$/, { message: 'name must not contain control characters' })
  name: string;

  @ApiProperty({ enum: Role }) @IsIn(ROLES) role: Role;
}

/** A user as the API shows it (never the password hash). */
export class UserViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** `POST /api/v1/auth/login` answer: an opaque session token for `Authorization: Bearer`. */
export class LoginResultDto {
  @ApiProperty({ description: 'session token: Authorization: Bearer <token>' }) token: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: UserViewDto }) user: UserViewDto;
}

/** Who the caller is (`GET /api/v1/auth/me`). */
export class IdentityViewDto {
  @ApiProperty({ example: 'user:6f1c…', description: 'identity id: user:<id>, key:<id> or admin-token' }) id: string;
  @ApiProperty({ enum: ['user', 'key', 'admin-token'] }) kind: 'user' | 'key' | 'admin-token';
  @ApiProperty({ description: 'username or key name' }) name: string;
  @ApiProperty({ enum: Role }) role: Role;
}

/** An API key as listed (never the key). */
export class KeyViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ description: 'first characters of the key' }) prefix: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** `POST /api/v1/keys` answer: the key, shown this once. */
export class KeyCreatedDto extends KeyViewDto {
  @ApiProperty({ description: 'the key itself; shown only now, stored hashed' }) key: string;
}

/** Query of `GET /api/v1/submissions`. */
export class ListSubmissionsQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'problemId must be a problem id (slug)' })
  problemId?: string;

  @ApiPropertyOptional({ enum: Verdict }) @IsOptional() @IsIn(Object.values(Verdict))
  verdict?: Verdict;

  @ApiPropertyOptional({ enum: LANGUAGE_IDS }) @IsOptional() @IsIn(LANGUAGE_IDS)
  language?: LanguageId;

  @ApiPropertyOptional({ description: 'admins only: a user id, or an identity id (user:<id>, key:<id>, admin-token)' })
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9:_-]{1,80}$/, { message: 'userId must be a user id or an identity id' })
  userId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;
}

/** A page of `GET /api/v1/submissions`, newest first. */
export class SubmissionPageDto {
  @ApiProperty({ type: [SubmissionViewDto] }) items: SubmissionViewDto[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as ?cursor= for the next page; null on the last' }) nextCursor: string | null;
}

/** Query of `GET /api/v1/audit`. */
export class AuditQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional() @IsString() @Matches(/^\d{1,15}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}

/** One audit log entry. */
export class AuditEntryViewDto {
  @ApiProperty() id: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, nullable: true, description: 'identity id of the actor; null for open registration' }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({ example: 'problem.create' }) action: string;
  @ApiProperty({ enum: ['problem', 'key', 'user'] }) targetType: string;
  @ApiProperty() targetId: string;
  @ApiProperty({ type: Object, nullable: true }) detail: Record<string, unknown> | null;
}

/** A page of `GET /api/v1/audit`, newest first. */
export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryViewDto] }) items: AuditEntryViewDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
