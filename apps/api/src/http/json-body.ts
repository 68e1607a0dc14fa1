import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';

/** Deeper than any request body Sigillo takes; deeper ones overflowed the validators' stack (500). */
export const MAX_BODY_DEPTH = 32;
/** Keys the validators' object mapping trips on (a 500, or a field silently dropped). */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface ContentType {
  /** `application/json`, lower case, without parameters; '' when the header is absent. */
  mime: string;
  /** The charset parameter, lower case, or null. */
  charset: string | null;
}

export function contentTypeOf(header: string | undefined): ContentType {
  if (!header) return { mime: '', charset: null };
  const [mime, ...params] = header.split(';');
  let charset: string | null = null;
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq > 0 && p.slice(0, eq).trim().toLowerCase() === 'charset')
      charset = p
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase();
  }
  return { mime: mime.trim().toLowerCase(), charset };
}

/** A request that carries a body must carry JSON: anything else is 415, not an empty object. */
export function requireJson(type: ContentType): void {
  if (type.mime !== 'application/json') throw new UnsupportedMediaTypeException('content-type must be application/json');
}

/**
 * The body of a JSON request as the api takes it: UTF-8 (a leading BOM dropped), an object or an
 * array, no deeper than MAX_BODY_DEPTH and without keys the validators trip on; an empty body is
 * `{}`. Every refusal is a 4xx that names the problem and never quotes the body (it may hold a
 * phone number).
 */
export function parseJsonBody(type: ContentType, bytes: Buffer): unknown {
  requireJson(type);
  if (type.charset !== null && type.charset !== 'utf-8' && type.charset !== 'utf8') {
    throw new UnsupportedMediaTypeException(`unsupported charset "${type.charset.slice(0, 20).toUpperCase()}": send UTF-8`);
  }
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim().length === 0) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    const at = /position (\d+)/.exec((err as Error).message)?.[1];
    throw new BadRequestException(`body is not valid JSON${at === undefined ? '' : ` (at byte ${at})`}`);
  }
  if (body === null || typeof body !== 'object') throw new BadRequestException('body must be a JSON object');
  const problem = shapeProblem(body);
  if (problem) throw new BadRequestException(problem);
  return body;
}

/** Walks a parsed JSON body without recursion: too deep, or a key no field may have. */
export function shapeProblem(body: unknown): string | null {
  if (body === null || typeof body !== 'object' || Buffer.isBuffer(body)) return null;
  const stack: [unknown, number][] = [[body, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_BODY_DEPTH) return `body is nested too deeply (at most ${MAX_BODY_DEPTH} levels)`;
    for (const key of Object.keys(node as object)) {
      if (FORBIDDEN_KEYS.has(key)) return `field name "${key}" is not allowed`;
      const child = (node as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return null;
}
