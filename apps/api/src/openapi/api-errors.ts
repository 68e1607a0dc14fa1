import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponse, ValidationErrorResponse } from './schemas/errors.schema.js';

type Status = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503;

/** An error status with the example (and description) that fits the route, or the generic one. */
export type ApiErrorSpec = Status | { status: Status; description?: string; example: object };

const GENERIC: Record<Status, { description: string; example: object }> = {
  400: {
    description: 'Malformed request: one line and one `errors[]` entry per offending field',
    example: {
      statusCode: 400,
      error: 'Bad Request',
      message: ['recipient.phone: is not a valid number for its country', 'occurredAt: is required'],
      errors: [
        { field: 'recipient.phone', message: 'is not a valid number for its country' },
        { field: 'occurredAt', message: 'is required' },
      ],
    },
  },
  401: {
    description: 'No API key, or an unknown or revoked one',
    example: { statusCode: 401, error: 'Unauthorized', message: 'missing API key: send Authorization: Bearer <key>' },
  },
  403: {
    description: 'An API key of another role, or of another tenant',
    example: { statusCode: 403, error: 'Forbidden', message: 'this endpoint needs a admin or auditor key' },
  },
  404: { description: 'Not found (or not visible to this key)', example: { statusCode: 404, error: 'Not Found', message: 'tenant not found' } },
  409: {
    description: 'The same id was already used with another body',
    example: { statusCode: 409, error: 'Conflict', message: 'event ord-10023-shipped was already received with a different body' },
  },
  410: { description: 'Erased', example: { statusCode: 410, error: 'Gone', message: 'erased' } },
  413: { description: 'Body over 64 KiB', example: { statusCode: 413, error: 'Payload Too Large', message: 'request entity too large' } },
  415: {
    description: 'A body that is not application/json',
    example: { statusCode: 415, error: 'Unsupported Media Type', message: 'content-type must be application/json' },
  },
  422: {
    description: 'Well formed but not acceptable: one `errors[]` entry per mismatch',
    example: {
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: ['variables.body.3: body.3 of order_status_update/it is not mapped'],
      errors: [{ field: 'variables.body.3', message: 'body.3 of order_status_update/it is not mapped' }],
    },
  },
  429: {
    description: 'Over RATE_LIMIT_PER_MINUTE requests a minute for this API key (see Retry-After)',
    example: { statusCode: 429, message: 'rate limit exceeded: at most 6000 requests per minute per API key' },
  },
  503: { description: 'A dependency is down', example: { statusCode: 503, error: 'Service Unavailable', message: 'try again later' } },
};

/** Documents the error answers of a route: status, shape (`ErrorResponse` or `ValidationErrorResponse`) and an example. */
export function ApiErrors(...specs: ApiErrorSpec[]) {
  return applyDecorators(
    ...specs.map((spec) => {
      const status = typeof spec === 'number' ? spec : spec.status;
      const generic = GENERIC[status];
      const description = (typeof spec === 'object' && spec.description) || generic.description;
      const example = typeof spec === 'object' ? spec.example : generic.example;
      return ApiResponse({ status, description, type: 'errors' in example ? ValidationErrorResponse : ErrorResponse, example });
    }),
  );
}

/** Every route with an API key answers these. */
export const KEY_ERRORS: ApiErrorSpec[] = [401, 403, 429];
