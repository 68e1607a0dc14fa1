import { Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, type Job, type MinimalJob } from 'bullmq';
import { jitteredBackoff, SEND_QUEUE, type SendJobData } from '../../../libs/notifications/src/send-queue.js';
import { RetryableSendError, SendService } from '../../../libs/notifications/src/send.service.js';
import { WorkerConfig } from '../../../libs/platform/src/config.js';

@Processor(SEND_QUEUE, {
  settings: {
    backoffStrategy: (attemptsMade: number, _type?: string, err?: Error, job?: MinimalJob) =>
      jitteredBackoff(attemptsMade, Number((job?.opts.backoff as { delay?: number } | undefined)?.delay ?? 1000), err instanceof RetryableSendError ? err.retryAfterMs : null),
  },
})
export class SendProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly sends: SendService,
    private readonly config: WorkerConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.SEND_CONCURRENCY;
  }

  async process(job: Job<SendJobData>, token?: string): Promise<string> {
    const isLastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const step = await this.sends.send(job.data.notificationId, isLastTry);
    if (step.kind === 'delay') {
      // Rate limits and reconciliation postpone the job without spending one of its tries.
      await job.moveToDelayed(Date.now() + step.ms, token);
      throw new DelayedError();
    }
    return step.outcome;
  }
}
