import type { Request } from 'express';

/** The URL the client called, so `paging.next` points back at this simulator, host and all. */
export function requestUrl(request: Request): URL {
  return new URL(request.originalUrl, `${request.protocol}://${request.get('host') ?? 'localhost'}`);
}
