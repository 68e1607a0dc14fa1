/**
 * Waits for every named task, at most `ms`; answers the names of those still under way then
 * (empty when all settled in time). A task that fails has settled: shutting down goes on.
 */
export async function waitBounded(tasks: Record<string, Promise<unknown>>, ms: number): Promise<string[]> {
  const pending = new Set(Object.keys(tasks));
  const settled = Promise.all(
    Object.entries(tasks).map(([name, task]) =>
      task.then(
        () => pending.delete(name),
        () => pending.delete(name),
      ),
    ),
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([settled, late]).finally(() => clearTimeout(timer));
  return [...pending];
}
