import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, type Job, type MinimalJob } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { jitteredBackoff, SEND_QUEUE, type SendJobData, SendService } from '#sigillo/notifications';
import { REQUEST_ID_KEY } from '#sigillo/observability';
import { WorkerConfig } from '#sigillo/platform';

// The backoff of a job that threw (the database or Redis down); a provider's refusal is retried
// by the send itself (send-retry.ts), as a delay that spends none of the job's attempts.
@Processor(SEND_QUEUE, {
  settings: {
    backoffStrategy: (attemptsMade: number, _type?: string, _err?: Error, job?: MinimalJob) =>
      jitteredBackoff(attemptsMade, Number((job?.opts.backoff as { delay?: number } | undefined)?.delay ?? 1000)),
  },
})
export class SendProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(SendProcessor.name);

  constructor(
    private readonly sends: SendService,
    private readonly config: WorkerConfig,
    private readonly log: PinoLogger,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.SEND_CONCURRENCY;
  }

  /** Every log of the send carries the notification id and the request id of the event that owed it. */
  process(job: Job<SendJobData>, token?: string): Promise<string> {
    const bindings = { [REQUEST_ID_KEY]: job.data.requestId, notificationId: job.data.notificationId, attempt: job.attemptsMade + 1 };
    return this.log.runInContext(() => this.run(job, token), { bindings });
  }

  private async run(job: Job<SendJobData>, token?: string): Promise<string> {
    const step = await this.sends.send(job.data.notificationId, job.data.retryingSince ?? null);
    if (step.kind === 'delay') {
      if (step.retryingSince !== undefined && step.retryingSince !== job.data.retryingSince) {
        await job.updateData({ ...job.data, retryingSince: step.retryingSince });
      }
      this.logger.debug(`send postponed ${step.ms} ms`);
      // Rate limits and reconciliation postpone the job without spending one of its tries.
      await job.moveToDelayed(Date.now() + step.ms, token);
      throw new DelayedError();
    }
    this.logger.log(`send ${step.outcome}`);
    return step.outcome;
  }
}
