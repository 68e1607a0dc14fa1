import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ProofPendingException } from './proof-pending.exception.js';

@Catch(ProofPendingException)
export class ProofPendingFilter implements ExceptionFilter {
  catch(exception: ProofPendingException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response.status(exception.getStatus()).setHeader('Retry-After', String(exception.retryAfterSeconds)).json(exception.getResponse());
  }
}
