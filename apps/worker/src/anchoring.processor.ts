import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { AnchoringService, AnchorTickOutcome } from '#sigillo/chain';
import { ANCHORING_QUEUE } from '#sigillo/platform';

@Processor(ANCHORING_QUEUE)
export class AnchoringProcessor extends WorkerHost {
  constructor(private readonly anchoring: AnchoringService) {
    super();
  }

  process(_job: Job): Promise<AnchorTickOutcome> {
    return this.anchoring.tick();
  }
}
