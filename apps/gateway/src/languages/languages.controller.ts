import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ErrorDto, JudgeMessages, LanguageInfo, LanguageInfoDto } from '@app/contracts';
import { EventBus } from '@app/pubsub';
import { Public } from '../auth/auth.decorators';

/** How long to wait for a judge to answer `languages.list`. */
export const LANGUAGES_TIMEOUT_MS = 2000;

@ApiTags('languages')
@Public()
@Controller('languages')
export class LanguagesController {
  constructor(private readonly bus: EventBus) {}

  /** `[{ id, name, version }]` as a judge reports them (Redis transport message `languages.list`). */
  @Get()
  @ApiOkResponse({ type: [LanguageInfoDto], description: 'Languages the judges can run' })
  @ApiServiceUnavailableResponse({ type: ErrorDto, description: 'No judge answered' })
  async list(): Promise<LanguageInfo[]> {
    try {
      return await this.bus.request<LanguageInfo[]>(JudgeMessages.ListLanguages, {}, LANGUAGES_TIMEOUT_MS);
    } catch {
      throw new ServiceUnavailableException(`no judge answered within ${LANGUAGES_TIMEOUT_MS} ms: start one with npm run start:judge`);
    }
  }
}
