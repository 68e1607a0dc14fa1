import { randomBytes } from 'node:crypto';
import { HttpException } from '@nestjs/common';
import { metaError } from './meta-errors.js';

/** Meta's error body: `{ error: { message, type, code, error_subcode?, error_data?, fbtrace_id } }`. */
export interface GraphErrorBody {
  error: {
    message: string;
    type: string;
    code: number;
    error_subcode?: number;
    error_data?: { messaging_product: 'whatsapp'; details: string };
    fbtrace_id: string;
  };
}

/** A Graph API error, answered with Meta's body and HTTP status by GraphErrorFilter. */
export class GraphError extends HttpException {
  private constructor(
    readonly code: number,
    body: GraphErrorBody,
    httpStatus: number,
  ) {
    super(body, httpStatus);
  }

  get body(): GraphErrorBody {
    return this.getResponse() as GraphErrorBody;
  }

  /** A WhatsApp error (13xxxx, 100…): `(#code) title` plus `error_data.details`, as Meta words them. */
  static whatsapp(code: number, details?: string): GraphError {
    const spec = metaError(code);
    return new GraphError(
      code,
      {
        error: {
          message: `(#${code}) ${spec.title}`,
          type: 'OAuthException',
          code,
          error_data: { messaging_product: 'whatsapp', details: details ?? spec.details },
          fbtrace_id: fbtraceId(),
        },
      },
      spec.httpStatus,
    );
  }

  /** Meta answers a bad token with 190 and no error_data; a missing one is worded differently. */
  static accessToken(missing: boolean): GraphError {
    const message = missing ? 'An access token is required to request this resource.' : metaError(190).title;
    return new GraphError(190, { error: { message, type: 'OAuthException', code: 190, fbtrace_id: fbtraceId() } }, 401);
  }

  /** An id that is not ours: Meta's GraphMethodException 100/33 for an unknown node. */
  static unknownObject(method: string, id: string): GraphError {
    const message =
      `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing ` +
      'permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api';
    return new GraphError(100, { error: { message, type: 'GraphMethodException', code: 100, error_subcode: 33, fbtrace_id: fbtraceId() } }, 400);
  }

  /** A missing or wrong request parameter: Meta's `(#100) …` OAuthException, HTTP 400. */
  static invalidParameter(details: string): GraphError {
    return new GraphError(100, { error: { message: `(#100) ${details}`, type: 'OAuthException', code: 100, fbtrace_id: fbtraceId() } }, 400);
  }

  /** A path Graph does not know (bad version, unknown edge): Meta's 2500. */
  static unknownPath(path: string): GraphError {
    return new GraphError(2500, { error: { message: `Unknown path components: ${path}`, type: 'OAuthException', code: 2500, fbtrace_id: fbtraceId() } }, 400);
  }
}

/** Meta's request trace id: opaque, quoted to support; random here. */
export function fbtraceId(): string {
  return randomBytes(17).toString('base64url').slice(0, 23);
}
