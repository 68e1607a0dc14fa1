/**
 * The promise's outcome if it settles within `ms`, else a rejection naming `what`. The promise
 * itself runs on (it cannot be cancelled); a later failure of it is swallowed, not left unhandled.
 */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
