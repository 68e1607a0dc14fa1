import { Injectable, OnApplicationShutdown } from '@nestjs/common';

/**
 * One abort signal for everything scheduled in the background (status webhooks, retries).
 * `restart()` (on /_sim/reset) and shutdown abort it, so nothing from before leaks into what
 * follows and closing the app leaves no timer behind.
 */
@Injectable()
export class SimulatorLifetime implements OnApplicationShutdown {
  private controller = new AbortController();

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  restart(): void {
    this.controller.abort();
    this.controller = new AbortController();
  }

  onApplicationShutdown(): void {
    this.controller.abort();
  }
}
