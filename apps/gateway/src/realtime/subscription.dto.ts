import { plainToInstance } from 'class-transformer';
import { IsUUID, validateSync } from 'class-validator';
import { describeValidationErrors } from '../common/validation';

/** `data` of the WebSocket `subscribe` and `unsubscribe` frames. */
export class SubscriptionDto {
  @IsUUID('all', { message: 'submissionId must be a submission id (UUID)' })
  submissionId: string;
}

/**
 * Validates a frame's `data` as REST bodies are (unknown fields refused, each error naming its
 * field): the DTO, or the error message for an error frame.
 */
export function validateFrame<T extends object>(cls: new () => T, data: unknown): { value: T } | { error: string } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { error: 'data must be an object, e.g. {"submissionId": "…"}' };
  const value = plainToInstance(cls, data);
  const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length ? { error: describeValidationErrors(errors).join('; ') } : { value };
}
