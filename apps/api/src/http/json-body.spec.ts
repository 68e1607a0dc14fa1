import { BadRequestException, HttpException, UnsupportedMediaTypeException } from '@nestjs/common';
import { contentTypeOf, MAX_BODY_DEPTH, parseJsonBody, requireJson, shapeProblem } from './json-body.js';

const JSON_TYPE = contentTypeOf('application/json');
const parse = (text: string | Buffer, type = JSON_TYPE) => parseJsonBody(type, Buffer.isBuffer(text) ? text : Buffer.from(text));

function refusal(fn: () => unknown): { status: number; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof HttpException) return { status: err.getStatus(), message: String((err.getResponse() as { message: string }).message) };
    throw err;
  }
  throw new Error('not refused');
}

describe('contentTypeOf', () => {
  it('reads the media type and charset, case and spacing aside', () => {
    expect(contentTypeOf('application/json')).toEqual({ mime: 'application/json', charset: null });
    expect(contentTypeOf('Application/JSON ; Charset="UTF-8"')).toEqual({ mime: 'application/json', charset: 'utf-8' });
    expect(contentTypeOf('application/json;charset=latin1;x=y')).toEqual({ mime: 'application/json', charset: 'latin1' });
    expect(contentTypeOf('multipart/form-data; boundary=x')).toEqual({ mime: 'multipart/form-data', charset: null });
    expect(contentTypeOf(undefined)).toEqual({ mime: '', charset: null });
    expect(contentTypeOf('')).toEqual({ mime: '', charset: null });
  });
});

describe('requireJson', () => {
  it('takes application/json only: anything else, or none, is 415', () => {
    expect(() => requireJson(JSON_TYPE)).not.toThrow();
    for (const t of ['text/plain', 'application/jsonx', 'application/x-www-form-urlencoded', 'application/octet-stream', undefined]) {
      expect(() => requireJson(contentTypeOf(t))).toThrow(UnsupportedMediaTypeException);
    }
  });
});

describe('parseJsonBody', () => {
  it('parses objects and arrays, in UTF-8, a leading BOM dropped', () => {
    expect(parse('{"a":[1,{"b":"è"}]}')).toEqual({ a: [1, { b: 'è' }] });
    expect(parse('[]')).toEqual([]);
    expect(parse(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]))).toEqual({ a: 1 });
    expect(parse(' \n {"a":1} ', contentTypeOf('application/json; charset=utf-8'))).toEqual({ a: 1 });
  });

  it('takes an empty body as {}: the validators then name the missing fields', () => {
    expect(parse('')).toEqual({});
    expect(parse('  \r\n')).toEqual({});
  });

  it('keeps invalid UTF-8 as replacement characters, for the validators to refuse', () => {
    expect(parse(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]))).toEqual({ a: '\ufffd\ufffd' });
  });

  it('refuses a charset other than UTF-8 with 415', () => {
    for (const charset of ['latin1', 'utf-16', 'utf-32']) {
      expect(refusal(() => parse('{}', contentTypeOf(`application/json; charset=${charset}`))).status).toBe(415);
    }
  });

  it('refuses what is not JSON with 400, saying where but never quoting the body', () => {
    const r = refusal(() => parse('{"phone":"+393331234567",'));
    expect(r.status).toBe(400);
    expect(r.message).toMatch(/^body is not valid JSON/);
    expect(r.message).not.toContain('393331234567');
    expect(refusal(() => parse('{oops}')).message).toBe('body is not valid JSON (at byte 1)');
  });

  it('refuses a body that is not an object or an array with 400', () => {
    for (const text of ['"x"', '42', 'null', 'true']) expect(refusal(() => parse(text))).toEqual({ status: 400, message: 'body must be a JSON object' });
  });

  it('refuses bodies too deep or with keys the validators trip on, naming the rule', () => {
    expect(refusal(() => parse(`${'['.repeat(MAX_BODY_DEPTH + 1)}${']'.repeat(MAX_BODY_DEPTH + 1)}`))).toEqual({
      status: 400,
      message: `body is nested too deeply (at most ${MAX_BODY_DEPTH} levels)`,
    });
    expect(parse(`${'['.repeat(MAX_BODY_DEPTH)}${']'.repeat(MAX_BODY_DEPTH)}`)).toBeInstanceOf(Array);
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      expect(refusal(() => parse(`{"a":{"${key}":{"isAdmin":true}}}`))).toEqual({ status: 400, message: `field name "${key}" is not allowed` });
    }
  });

  it('checks the content type before reading the bytes', () => {
    expect(() => parseJsonBody(contentTypeOf('text/plain'), Buffer.from('{}'))).toThrow(UnsupportedMediaTypeException);
    expect(() => parseJsonBody(JSON_TYPE, Buffer.from('{'))).toThrow(BadRequestException);
  });
});

describe('shapeProblem', () => {
  it('passes scalars, buffers and plain shallow objects', () => {
    for (const body of [undefined, null, 1, 'x', Buffer.from('{}'), { a: { b: [1, 2] } }]) expect(shapeProblem(body)).toBeNull();
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(shapeProblem(deep)).toMatch(/nested too deeply/);
  });
});
