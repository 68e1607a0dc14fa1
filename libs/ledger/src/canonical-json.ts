import canonicalize from 'canonicalize';

// Deeper values (never produced by Sigillo) go through the package, which needs no call stack.
const MAX_DEPTH = 64;
const OBJECT_PROTOTYPE = Object.prototype;

/**
 * RFC 8785 (JCS) canonical JSON, byte for byte the text of the `canonicalize` package, which stays
 * the reference: plain JSON data (what JSON.parse and the database give back) takes a direct
 * recursive path several times faster, which the audit feels at a million entries; anything else
 * (toJSON, boxed values, undefined, non-finite numbers, very deep nesting) goes to the package,
 * errors included.
 */
export function canonicalJson(value: unknown): string {
  const fast = serialize(value, 0);
  if (fast !== undefined) return fast;
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

// ES2024, in Node since 20; the compiler's lib here predates it.
type WellFormedCheck = string & { isWellFormed(): boolean };

/** A string as JCS writes it; lone surrogates are refused, as the package refuses them. */
export function canonicalString(s: string): string {
  if (!(s as WellFormedCheck).isWellFormed()) throw new Error('Lone surrogate is not allowed');
  return JSON.stringify(s);
}

/** undefined: not plain JSON data, left to the package. */
function serialize(v: unknown, depth: number): string | undefined {
  switch (typeof v) {
    case 'string':
      return canonicalString(v);
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : undefined;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (v === null) return 'null';
      if (depth >= MAX_DEPTH) return undefined;
      if (Array.isArray(v)) {
        let out = '[';
        for (let i = 0; i < v.length; i++) {
          const item = serialize(v[i], depth + 1);
          if (item === undefined) return undefined;
          out += i === 0 ? item : `,${item}`;
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== OBJECT_PROTOTYPE && proto !== null) return undefined;
      const record = v as Record<string, unknown>;
      if (typeof record.toJSON === 'function') return undefined;
      const keys = Object.keys(record).sort();
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        const item = serialize(record[keys[i]], depth + 1);
        if (item === undefined) return undefined;
        out += `${i === 0 ? '' : ','}${canonicalString(keys[i])}:${item}`;
      }
      return `${out}}`;
    }
    default:
      return undefined;
  }
}
