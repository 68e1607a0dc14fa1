/**
 * Resolves once a server answers `path` (the api's /health/live by default). A 404 counts too: the
 * server is listening and that is all a server without the route can tell us.
 */
export async function waitForApi(baseUrl: string, signal: AbortSignal, path = '/health/live', timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    signal.throwIfAborted();
    try {
      const res = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.any([signal, AbortSignal.timeout(1000)]) });
      if (res.ok || res.status === 404) return;
    } catch {
      // not listening yet
    }
    signal.throwIfAborted();
    if (Date.now() > deadline) throw new Error(`${baseUrl}${path} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
