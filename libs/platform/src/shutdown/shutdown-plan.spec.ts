import { CLOSE_ALLOWANCE_MS, exitDeadlineMs, gaveUpLine, nextPhase, requestAnswer, SHUTDOWN_RETRY_AFTER_SECONDS, type ShutdownPhase } from './shutdown-plan.js';

describe('shutdown plan', () => {
  it('serves while serving and refuses with 503, Retry-After and Connection: close in every later phase', () => {
    expect(requestAnswer('serving')).toBe('serve');
    for (const phase of ['draining', 'closing'] as ShutdownPhase[]) {
      const answer = requestAnswer(phase);
      if (answer === 'serve') throw new Error(`${phase} served`);
      expect(answer.status).toBe(503);
      expect(answer.headers).toMatchObject({ 'retry-after': String(SHUTDOWN_RETRY_AFTER_SECONDS), connection: 'close' });
      expect(answer.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: expect.stringContaining('shutting down') });
    }
  });

  it('moves serving → draining on the first signal and draining → closing once drained, never back', () => {
    const phases: ShutdownPhase[] = ['serving', 'draining', 'closing'];
    const table = phases.flatMap((p) => (['signal', 'drained'] as const).map((e) => `${p} + ${e} → ${nextPhase(p, e)}`));
    expect(table).toEqual([
      'serving + signal → draining',
      'serving + drained → serving',
      'draining + signal → draining',
      'draining + drained → closing',
      'closing + signal → closing',
      'closing + drained → closing',
    ]);
  });

  it("exits at the latest the grace plus the closing allowance after the signal, inside Kubernetes' 30 s at the largest grace", () => {
    expect(exitDeadlineMs(10_000)).toBe(10_000 + CLOSE_ALLOWANCE_MS);
    expect(exitDeadlineMs(25_000)).toBeLessThanOrEqual(30_000);
  });

  it('names what was still under way in one line', () => {
    expect(gaveUpLine('draining requests', 10_000, ['3 requests'])).toBe('shutdown: gave up draining requests after 10000 ms; still under way: 3 requests');
    expect(gaveUpLine('stopping', 5, [])).toBe('shutdown: gave up stopping after 5 ms; still under way: nothing');
    expect(gaveUpLine('stopping', 5, ['send jobs', 'sequencer'])).not.toContain('\n');
  });
});
