import { META_ERROR_KINDS, ProviderError, classifyMetaError, scrub } from './provider-error.js';

const graph = (code: number, extra: Record<string, unknown> = {}) => ({
  error: {
    message: `(#${code}) something`,
    type: 'OAuthException',
    code,
    error_data: { messaging_product: 'whatsapp', details: `details of ${code}` },
    fbtrace_id: 'AbCdEfGhIj',
    ...extra,
  },
});

describe('classifyMetaError by code', () => {
  // Meta's error-codes page: every throttling and transient code is retried.
  const transient = [1, 2, 4, 80007, 80008, 130429, 131000, 131016, 131048, 131056, 131057, 131064, 133004, 133015, 133016];
  const permanent = [
    3, 10, 33, 100, 200, 250, 299, 368, 470, 130472, 130497, 131005, 131008, 131009, 131021, 131026, 131031, 131037, 131042, 131045, 131047, 131049, 131050,
    131051, 131052, 131053, 131062, 132000, 132001, 132005, 132007, 132012, 132015, 132016, 132018, 132068, 132069, 133000, 133005, 133006, 133008, 133009,
    133010, 135000,
  ];

  it.each(transient)('code %p is transient', (code) => {
    expect(classifyMetaError(400, graph(code)).kind).toBe('transient');
  });

  it.each(permanent)('code %p is permanent', (code) => {
    expect(classifyMetaError(400, graph(code)).kind).toBe('permanent');
  });

  it.each([0, 190])('code %p is auth', (code) => {
    expect(classifyMetaError(401, graph(code)).kind).toBe('auth');
    expect(classifyMetaError(400, graph(code)).kind).toBe('auth');
  });

  it('the exported table is exactly these codes', () => {
    expect([...META_ERROR_KINDS.keys()].sort((a, b) => a - b)).toEqual(
      [...transient, ...permanent.filter((c) => c !== 250 && c !== 299), 0, 190].sort((a, b) => a - b),
    );
  });

  it('throttling codes carry the delay Meta implies unless Retry-After says otherwise', () => {
    expect(classifyMetaError(400, graph(130429)).retryAfterMs).toBe(1_000);
    expect(classifyMetaError(400, graph(131056)).retryAfterMs).toBe(6_000);
    expect(classifyMetaError(400, graph(131048)).retryAfterMs).toBeNull();
    expect(classifyMetaError(400, graph(131048), { retryAfter: '7' }).retryAfterMs).toBe(7_000);
    expect(classifyMetaError(400, graph(131000)).retryAfterMs).toBeNull();
  });

  it('a known code wins over the HTTP status', () => {
    expect(classifyMetaError(500, graph(132000)).kind).toBe('permanent');
    expect(classifyMetaError(400, graph(131000)).kind).toBe('transient');
    expect(classifyMetaError(500, graph(190)).kind).toBe('auth');
  });

  it('reads a numeric string code', () => {
    const error = classifyMetaError(400, { error: { message: 'x', code: '131026' } });
    expect(error.code).toBe(131026);
    expect(error.kind).toBe('permanent');
  });
});

describe('classifyMetaError without a known code', () => {
  it.each([500, 502, 503, 504, 599])('HTTP %p is transient', (status) => {
    expect(classifyMetaError(status, graph(999999)).kind).toBe('transient');
    expect(classifyMetaError(status, '<html>Bad gateway</html>').kind).toBe('transient');
  });

  it('HTTP 429 is transient', () => {
    expect(classifyMetaError(429, graph(999999)).kind).toBe('transient');
    expect(classifyMetaError(429, '').kind).toBe('transient');
  });

  it('HTTP 401 is auth', () => {
    expect(classifyMetaError(401, 'Unauthorized').kind).toBe('auth');
    expect(classifyMetaError(401, graph(999999)).kind).toBe('auth');
  });

  it.each([400, 403, 404, 409, 422])('HTTP %p is permanent', (status) => {
    expect(classifyMetaError(status, graph(999999)).kind).toBe('permanent');
    expect(classifyMetaError(status, 'nope').kind).toBe('permanent');
  });

  it('Graph is_transient makes an unknown code transient', () => {
    expect(classifyMetaError(400, graph(999999, { is_transient: true })).kind).toBe('transient');
    expect(classifyMetaError(400, graph(132000, { is_transient: true })).kind).toBe('permanent');
  });
});

describe('classifyMetaError fields', () => {
  it('keeps code, status, title, details and fbtrace id', () => {
    const error = classifyMetaError(400, {
      error: {
        message: '(#132000) Number of parameters does not match the expected number of params',
        type: 'OAuthException',
        code: 132000,
        error_data: { messaging_product: 'whatsapp', details: 'body: number of localizable_params (1) does not match the expected number of params (2)' },
        fbtrace_id: 'A1b2C3d4E5',
      },
    });
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'ProviderError',
      kind: 'permanent',
      code: 132000,
      httpStatus: 400,
      title: '(#132000) Number of parameters does not match the expected number of params',
      details: 'body: number of localizable_params (1) does not match the expected number of params (2)',
      fbtraceId: 'A1b2C3d4E5',
      retryAfterMs: null,
    });
    expect(error.message).toContain('code 132000');
    expect(error.message).toContain('HTTP 400');
    expect(error.message).toContain('localizable_params');
  });

  it('accepts the raw JSON text of the answer', () => {
    const error = classifyMetaError(400, JSON.stringify(graph(131047)));
    expect(error).toMatchObject({ code: 131047, details: 'details of 131047', fbtraceId: 'AbCdEfGhIj' });
  });

  it('accepts a bare error object, as in status webhooks', () => {
    const error = classifyMetaError(null, {
      code: 131050,
      title: 'Unable to deliver the message',
      message: 'Unable to deliver the message',
      error_data: { details: 'user stopped marketing messages' },
    });
    expect(error).toMatchObject({ kind: 'permanent', code: 131050, httpStatus: null, details: 'user stopped marketing messages' });
    expect(error.message).not.toContain('HTTP');
  });

  it('falls back to title, user title and user message', () => {
    expect(classifyMetaError(400, { error: { code: 100, title: 'T' } }).title).toBe('T');
    expect(classifyMetaError(400, { error: { code: 100, error_user_title: 'U' } }).title).toBe('U');
    expect(classifyMetaError(400, { error: { code: 100, message: 'm', error_user_msg: 'explained' } }).details).toBe('explained');
  });

  it.each([
    ['not JSON', 'Service Unavailable'],
    ['null', null],
    ['an array', [1, 2]],
    ['a number', 42],
    ['an object without error', { ok: false }],
    ['error not an object', { error: 'boom' }],
    ['empty error', { error: {} }],
  ])('survives a body that is %s', (_label, body) => {
    const error = classifyMetaError(503, body);
    expect(error).toMatchObject({ kind: 'transient', code: null, httpStatus: 503, details: null, fbtraceId: null });
    expect(error.title).toBe('HTTP 503 without a Meta error body');
  });

  it('ignores codes of the wrong type and non-string texts', () => {
    const error = classifyMetaError(400, { error: { code: 1.5, message: 7, error_data: { details: {} }, fbtrace_id: 3 } });
    expect(error).toMatchObject({ code: null, kind: 'permanent', details: null, fbtraceId: null, title: 'HTTP 400 without a Meta error body' });
    expect(classifyMetaError(400, { error: { code: 'abc' } }).code).toBeNull();
    expect(classifyMetaError(400, { error: { code: 190, error_data: 'x' } }).details).toBeNull();
  });

  it('describes a body-less answer without a status', () => {
    expect(classifyMetaError(null, {}).title).toBe('error without a description');
  });
});

describe('retry delays', () => {
  it('takes Retry-After seconds', () => {
    expect(classifyMetaError(429, graph(130429), { retryAfter: '3' }).retryAfterMs).toBe(3000);
    expect(classifyMetaError(503, '', { retryAfter: ' 0 ' }).retryAfterMs).toBe(0);
  });

  it('hints the throughput and pair limits when no header says', () => {
    expect(classifyMetaError(429, graph(130429)).retryAfterMs).toBe(1000);
    expect(classifyMetaError(400, graph(131056)).retryAfterMs).toBe(6000);
    expect(classifyMetaError(400, graph(131000)).retryAfterMs).toBeNull();
  });

  it.each(['Wed, 21 Oct 2015 07:28:00 GMT', '-1', '1.5', 'soon', ''])('ignores Retry-After %p', (value) => {
    expect(classifyMetaError(503, '', { retryAfter: value }).retryAfterMs).toBeNull();
  });
});

describe('secrets stay out', () => {
  const token = 'EAAGm0PX4ZCpsBAKZCZBZAbcDEFghijkLMNOPqrstuVWxyz';

  it('cuts the given token and number from title, details and message', () => {
    const error = classifyMetaError(
      400,
      {
        error: {
          message: `token sim-secret-token rejected for 393331234567`,
          code: 131026,
          error_data: { details: 'recipient 393331234567 with sim-secret-token' },
        },
      },
      { secrets: ['sim-secret-token', '393331234567'] },
    );
    for (const text of [error.title, error.details!, error.message]) {
      expect(text).not.toContain('sim-secret-token');
      expect(text).not.toContain('393331234567');
    }
    expect(error.title).toBe('token [redacted] rejected for [redacted]');
  });

  it('cuts token-shaped and phone-shaped text even when not told', () => {
    const error = classifyMetaError(401, {
      error: { message: `Bearer ${token} is invalid`, code: 190, error_data: { details: `+39 333 123 4567 / ${token}` } },
    });
    expect(error.message).not.toContain(token);
    expect(error.message).not.toMatch(/333/);
    expect(error.details).toBe('[redacted-number] / [redacted-token]');
  });

  it('leaves error codes and short numbers alone', () => {
    expect(scrub('(#132000) params (1) vs (2), code 1234567')).toBe('(#132000) params (1) vs (2), code 1234567');
  });

  it('ignores secrets too short to be secrets', () => {
    expect(scrub('a 12 b', ['12', ''])).toBe('a 12 b');
  });

  it('applies to errors built directly', () => {
    const error = new ProviderError({ kind: 'permanent', code: null, httpStatus: null, title: 'to +393331234567', details: 'Bearer abc.def' });
    expect(error.title).toBe('to [redacted-number]');
    expect(error.details).toBe('Bearer [redacted]');
    expect(error.message).not.toContain('3933');
  });
});

describe('ProviderError.network', () => {
  it('is transient with no code and no status, and keeps the cause', () => {
    const cause = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
    const error = ProviderError.network(cause);
    expect(error).toMatchObject({ kind: 'transient', code: null, httpStatus: null, details: null, fbtraceId: null, retryAfterMs: null });
    expect(error.title).toBe('network error: fetch failed (ECONNREFUSED)');
    expect(error.cause).toBe(cause);
  });

  it('names a timeout', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(ProviderError.network(timeout).title).toBe('request timed out');
    expect(ProviderError.network(new DOMException('aborted', 'AbortError')).title).toBe('request timed out');
  });

  it('says whether the request may have reached the provider: only a failed connect proves it did not', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
    const connectTimeout = new TypeError('fetch failed', { cause: Object.assign(new Error('Connect Timeout Error'), { code: 'UND_ERR_CONNECT_TIMEOUT' }) });
    const reset = new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect([refused, connectTimeout, reset, timeout].map((c) => ProviderError.network(c).maybeSent)).toEqual([false, false, true, true]);
    expect(ProviderError.permanent('bad request').maybeSent).toBe(false);
  });

  it('describes errors without an inner code, and non-errors', () => {
    expect(ProviderError.network(new Error('socket hang up')).title).toBe('network error: socket hang up');
    expect(ProviderError.network('weird').title).toBe('network error: weird');
  });
});

describe('ProviderError.permanent', () => {
  it('is a local, code-less refusal', () => {
    const error = ProviderError.permanent('bad', 'why', 200);
    expect(error).toMatchObject({ kind: 'permanent', code: null, httpStatus: 200, title: 'bad', details: 'why' });
    expect(error.message).toBe('WhatsApp provider error (permanent), HTTP 200: bad — why');
    expect(ProviderError.permanent('bad').message).toBe('WhatsApp provider error (permanent): bad');
  });
});
