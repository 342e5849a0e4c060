// Preloaded into a bench's gateway (after ts-node and tsconfig-paths) by `bench:accept`'s "no
// writes" run, never into a real one: the intake's database and queue calls answer at once,
// doing nothing. What is left of a POST is the request path alone (Fastify, Nest's guards and
// pipes, the DTO's validation, the intake's batching, the 202), the floor under the gateway's
// accept rate whatever its writes cost. Submissions accepted this way are never judged.
import { SubmissionsRepository } from '@app/persistence';
import { SubmissionQueue } from '@app/queue';

SubmissionsRepository.prototype.insertMany = async () => undefined;
SubmissionsRepository.prototype.countUnfinished = async () => 0;
SubmissionQueue.prototype.enqueueFresh = async () => undefined;
