import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { JudgeEvents, SubmissionView } from '@app/contracts';
import { SubmissionWatchers } from './submission-watchers';

/** Receives the judges' events from the Redis transport and hands them to local watchers. */
@Controller()
export class SubmissionEventsController {
  constructor(private readonly watchers: SubmissionWatchers) {}

  @EventPattern(JudgeEvents.SubmissionUpdated)
  onSubmissionUpdated(@Payload() view: SubmissionView): void {
    this.watchers.emit(view);
  }
}
