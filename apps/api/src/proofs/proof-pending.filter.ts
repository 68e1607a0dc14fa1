import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ProofPendingException } from './proof-pending.exception.js';

@Catch(ProofPendingException)
export class ProofPendingFilter implements ExceptionFilter {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: ProofPendingException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<unknown>();
    const http = this.adapterHost.httpAdapter;
    http.setHeader(response, 'Retry-After', String(exception.retryAfterSeconds));
    http.reply(response, exception.getResponse(), exception.getStatus());
  }
}
