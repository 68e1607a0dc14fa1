import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { CatalogService } from '#sigillo/templates';
import { MAINTENANCE_QUEUE } from '#sigillo/platform';

@Processor(MAINTENANCE_QUEUE)
export class MaintenanceProcessor extends WorkerHost {
  constructor(private readonly catalog: CatalogService) {
    super();
  }

  async process(job: Job): Promise<void> {
    if (job.name === 'template-sync') await this.catalog.syncAll();
  }
}
