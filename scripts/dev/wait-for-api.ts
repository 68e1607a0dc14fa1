/**
 * Resolves once the api answers /health/live. A 404 counts too: the server is listening and
 * that is all an api without the route can tell us.
 */
export async function waitForApi(apiUrl: string, signal: AbortSignal, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    signal.throwIfAborted();
    try {
      const res = await fetch(`${apiUrl}/health/live`, { signal: AbortSignal.any([signal, AbortSignal.timeout(1000)]) });
      if (res.ok || res.status === 404) return;
    } catch {
      // not listening yet
    }
    signal.throwIfAborted();
    if (Date.now() > deadline) throw new Error(`the api did not answer ${apiUrl}/health/live within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
