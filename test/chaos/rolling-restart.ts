import { exitDeadlineMs } from '#sigillo/platform';
import { waitForApi } from '../../scripts/dev/wait-for-api.js';
import { workerApplicationName, type ChaosContext, type WorkerName } from './faults.js';

// The services run with the default SHUTDOWN_GRACE_MS; one second more before the run SIGKILLs.
const GRACE_MS = 10_000;
const SIGKILL_AFTER_MS = exitDeadlineMs(GRACE_MS) + 1_000;

/**
 * A rolling deploy under load: both apis, then both workers, one at a time, each SIGTERMed,
 * waited for, and started again once it has exited. Each must exit by itself (code 0) within its
 * bound; while an api drains, a 503 with Retry-After from it is expected (ctx.drainWindows), a
 * 500 never.
 */
export async function rollingRestart(ctx: ChaosContext): Promise<void> {
  for (const api of ctx.apis) {
    const from = Date.now();
    const exit = await api.process.terminate(SIGKILL_AFTER_MS);
    ctx.drainWindows.push({ url: api.url, from, to: Date.now() });
    judge(ctx, api.process.name, exit);
    api.process.start();
    await waitForApi(api.url, AbortSignal.timeout(60_000));
    ctx.timeline.record(`${api.process.name} serving again`);
  }
  for (const name of ['A', 'B'] as WorkerName[]) {
    const exit = await ctx.workers[name].terminate(SIGKILL_AFTER_MS);
    judge(ctx, `worker ${name}`, exit);
    ctx.workers[name].start();
    const deadline = Date.now() + 60_000;
    while (!(await connected(ctx, name))) {
      if (Date.now() > deadline) throw new Error(`worker ${name} did not reconnect within 60 s of its restart`);
      await new Promise((r) => setTimeout(r, 200));
    }
    ctx.timeline.record(`worker ${name} running again`);
  }
}

function judge(ctx: ChaosContext, name: string, exit: { ms: number; code: number | null; signal: string | null; forced: boolean }): void {
  ctx.timeline.record(`SIGTERM ${name}: exited in ${exit.ms} ms (code ${exit.code}${exit.signal ? `, signal ${exit.signal}` : ''})`);
  if (exit.forced) ctx.findings.push(`${name} did not exit within ${SIGKILL_AFTER_MS} ms of SIGTERM and was SIGKILLed`);
  else if (exit.code !== 0) ctx.findings.push(`${name} exited with code ${exit.code} (signal ${exit.signal}) after SIGTERM, not 0`);
}

async function connected(ctx: ChaosContext, name: WorkerName): Promise<boolean> {
  const { rows } = await ctx.db
    .query<{ n: number }>('SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [workerApplicationName(name)])
    .catch(() => ({ rows: [{ n: 0 }] }));
  return rows[0].n > 0;
}
