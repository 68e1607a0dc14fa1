import { ArgumentsHost, Catch, Logger, ServiceUnavailableException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { isDatabaseUnavailable } from '#sigillo/platform';

const RETRY_AFTER_SECONDS = 5;
const WARN_EVERY_MS = 10_000;

/**
 * PostgreSQL out of reach is the service being unavailable for a while, not a server bug: 503
 * with Retry-After, which Passweb and Meta retry, instead of a 500. Nothing was written (each write
 * is one statement or one transaction). Every other exception gets Nest's usual handling.
 */
@Catch()
export class DatabaseUnavailableFilter extends BaseExceptionFilter {
  private readonly logger = new Logger(DatabaseUnavailableFilter.name);
  private lastWarning = 0;

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http' || !isDatabaseUnavailable(exception)) return super.catch(exception, host);
    if (Date.now() - this.lastWarning > WARN_EVERY_MS) {
      this.lastWarning = Date.now();
      this.logger.warn(`database unreachable, answering 503: ${(exception as Error).message?.split('\n').filter(Boolean).at(-1) ?? ''}`);
    }
    this.httpAdapterHost!.httpAdapter.setHeader(host.switchToHttp().getResponse(), 'Retry-After', String(RETRY_AFTER_SECONDS));
    super.catch(new ServiceUnavailableException('the database is unavailable for a moment; retry'), host);
  }
}
