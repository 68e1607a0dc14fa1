/*
 * The JSON body of a request the event lane serves, parsed exactly as Express's JSON parser
 * (body-parser, strict) parses it: the same values, the same errors with the same messages, so a
 * request gets the same answer whichever way it came in (json-body.spec.ts compares the two).
 */

// body-parser's own definitions (lib/types/json.js).
const FIRST_NON_WHITESPACE = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d]|$)/;
const SYNTAX_CHAR = '#';
const SYNTAX_RUN = /#+/g;

/** What body-parser raises for a body that is not JSON: Nest answers it as a 400 with `message`. */
export class JsonBodyError extends SyntaxError {
  readonly status = 400;
  readonly statusCode = 400;
  readonly expose = true;
  readonly type = 'entity.parse.failed';
}

/** UTF-8 bytes (a leading BOM dropped, as iconv-lite does) to a value; an empty body is `{}`. */
export function parseJsonBody(bytes: Buffer): unknown {
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length === 0) return {};
  if (text[0] !== '{' && text[0] !== '[') {
    const first = FIRST_NON_WHITESPACE.exec(text)?.[1] || undefined;
    if (first !== '{' && first !== '[') throw strictViolation(text, first);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new JsonBodyError((err as Error).message);
  }
}

// Strict mode takes only objects and arrays; the message is JSON.parse's for the first character
// that breaks that rule, as body-parser words it.
function strictViolation(text: string, first: string | undefined): JsonBodyError {
  const index = first === undefined ? -1 : text.indexOf(first);
  const partial = index === -1 ? '' : text.substring(0, index) + SYNTAX_CHAR.repeat(text.length - index);
  try {
    JSON.parse(partial);
    return new JsonBodyError('strict violation');
  } catch (err) {
    return new JsonBodyError((err as Error).message.replace(SYNTAX_RUN, (run) => text.substring(index, index + run.length)));
  }
}
