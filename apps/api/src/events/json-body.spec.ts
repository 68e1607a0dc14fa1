import express from 'express';
import { Readable } from 'node:stream';
import { JsonBodyError, parseJsonBody } from './json-body.js';

// What Express's JSON parser makes of the same bytes: the value, or its error's status and message.
function viaExpress(bytes: Buffer): Promise<{ value?: unknown; status?: number; message?: string }> {
  const req = Object.assign(Readable.from([bytes]), {
    headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) },
    method: 'POST',
    url: '/',
  });
  return new Promise((resolve) => {
    express.json({ limit: 64 * 1024 })(req as never, {} as never, (err?: unknown) => {
      if (err) resolve({ status: (err as { status: number }).status, message: (err as Error).message });
      else resolve({ value: (req as unknown as { body: unknown }).body });
    });
  });
}

function viaLane(bytes: Buffer): { value?: unknown; status?: number; message?: string } {
  try {
    return { value: parseJsonBody(bytes) };
  } catch (err) {
    expect(err).toBeInstanceOf(JsonBodyError);
    expect(err).toBeInstanceOf(SyntaxError); // what Nest maps to a 400
    return { status: (err as JsonBodyError).status, message: (err as Error).message };
  }
}

const TEXTS = [
  '{"a":1}',
  '[1,2]',
  '',
  ' ',
  '\n\t ',
  '"hello"',
  '42',
  '-1',
  'null',
  'true',
  'false',
  '  "x"',
  ' \n 42 ',
  'undefined',
  'nope',
  '{',
  '{"a":',
  '{"a":1}}',
  '[',
  '{"a":1,}',
  "{'a':1}",
  '\ufeff{"a":1}',
  '\ufeff',
  '\ufeff"x"',
  '{"a":"\u00e8\u4e2d\ud83d\ude00"}',
  '{"__proto__":{"x":1}}',
  '   {"a":[1,{"b":null}]}   ',
  '\u00a0{"a":1}',
  '{"a":1}\u0000',
];

describe('parseJsonBody', () => {
  it.each(TEXTS.map((t) => [JSON.stringify(t), t]))('parses %s as Express does', async (_name, text) => {
    const bytes = Buffer.from(text, 'utf8');
    expect(viaLane(bytes)).toEqual(await viaExpress(bytes));
  });

  it('decodes invalid UTF-8 as Express does', async () => {
    for (const bytes of [
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      Buffer.from([0xc3]),
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe2, 0x82, 0x22, 0x7d]),
      Buffer.from([0xef, 0xbb, 0xbf, 0x5b, 0x5d]),
    ]) {
      expect(viaLane(bytes)).toEqual(await viaExpress(bytes));
    }
  });

  it('keeps a "__proto__" key as an own property, as JSON.parse does', () => {
    const value = parseJsonBody(Buffer.from('{"__proto__":{"x":1}}')) as object;
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});
