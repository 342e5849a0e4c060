import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { AppConfig } from '@app/config';
import { JudgeMessages, JudgeStatus, LanguageInfo } from '@app/contracts';
import { ProgramCache } from './cache/program.cache';
import { TestDataCache } from './cache/test-data.cache';
import { JudgeService } from './judge.service';
import { CpuSlots } from './judging/cpu-slots';
import { LanguageRegistry } from './languages/language.registry';
import { SandboxService } from './sandbox/sandbox.service';

/** Message patterns a judge answers over the Nest Redis transport. */
@Controller()
export class JudgeController {
  constructor(
    private readonly config: AppConfig,
    private readonly languages: LanguageRegistry,
    private readonly judge: JudgeService,
    private readonly sandbox: SandboxService,
    private readonly programs: ProgramCache,
    private readonly testData: TestDataCache,
    private readonly cpu: CpuSlots,
  ) {}

  /** `languages.list` → the languages whose toolchain this judge found, with versions. */
  @MessagePattern(JudgeMessages.ListLanguages)
  listLanguages(): LanguageInfo[] {
    return this.languages.list();
  }

  /** `judge.status` → id, CPU slots and submissions in flight (configured, in use), languages, sandbox mode, cache counters. */
  @MessagePattern(JudgeMessages.Status)
  status(): JudgeStatus {
    return {
      judgeId: this.judge.judgeId,
      concurrency: this.config.judgeConcurrency,
      inFlight: this.config.judgeInFlight,
      running: this.judge.running,
      slots: { busy: this.cpu.status.busy, waiting: this.cpu.status.waiting },
      languages: this.languages.list(),
      sandbox: this.sandbox.status(),
      caches: { compileHits: this.programs.hits, compileMisses: this.programs.misses, testDataFetches: this.testData.fetches },
    };
  }
}
