import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { GraphError } from './graph-error.js';

const CONTROL_PATH = /^\/(_sim|health)(\/|$)/;

/**
 * Graph paths answer every error in Meta's shape (clients parse it to decide retries), including
 * the ones raised before a handler runs: an unparsable JSON body or an unknown path. The control
 * endpoints keep Nest's usual `{ statusCode, message }`.
 */
@Catch()
export class GraphErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Simulator');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const graph = !CONTROL_PATH.test(request.path);
    if (exception instanceof GraphError) {
      response.status(exception.getStatus()).json(exception.body);
    } else if (exception instanceof HttpException) {
      if (graph) this.answerGraph(exception, request, response);
      else response.status(exception.getStatus()).json(nestBody(exception));
    } else {
      this.logger.error(`${request.method} ${request.path} failed: ${(exception as Error)?.stack ?? String(exception)}`);
      const error = graph ? GraphError.whatsapp(131000) : new HttpException('Internal server error', HttpStatus.INTERNAL_SERVER_ERROR);
      response.status(error.getStatus()).json(error instanceof GraphError ? error.body : nestBody(error));
    }
  }

  private answerGraph(exception: HttpException, request: Request, response: Response): void {
    const error = exception.getStatus() === HttpStatus.NOT_FOUND ? GraphError.unknownPath(request.path) : GraphError.whatsapp(100, exception.message);
    response.status(error.getStatus()).json(error.body);
  }
}

function nestBody(exception: HttpException): object {
  const body = exception.getResponse();
  return typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body;
}
