// Browser stand-in for the few Node `Buffer` calls the ledger library makes (libs/ledger/src/bytes.ts
// and checkpoint.ts): Buffer.from(bytes | view | hex | base64) and toString('hex' | 'base64' | 'latin1').
// esbuild injects it wherever the bundled code names the global `Buffer`; it is never global.
// Decoders only see text the library has already validated (hex and canonical base64 regexes).

type Encoding = 'hex' | 'base64' | 'latin1' | 'binary' | 'utf8' | 'utf-8';

/** Bytes that print themselves the way a Node Buffer does. */
export class ShimBuffer extends Uint8Array {
  static fromString(text: string, encoding: Encoding): ShimBuffer {
    switch (encoding) {
      case 'hex': {
        // Node stops at the first non-hex pair; the library has checked the digits already.
        const out = new ShimBuffer(text.length >>> 1);
        for (let i = 0; i < out.length; i++) {
          const byte = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
          if (Number.isNaN(byte)) return out.slice(0, i) as ShimBuffer;
          out[i] = byte;
        }
        return out;
      }
      case 'base64': {
        const binary = atob(text);
        return ShimBuffer.fromString(binary, 'latin1');
      }
      case 'latin1':
      case 'binary': {
        const out = new ShimBuffer(text.length);
        for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
        return out;
      }
      case 'utf8':
      case 'utf-8':
        return Buffer.from(new TextEncoder().encode(text));
      default:
        throw new TypeError(`Buffer shim: unsupported encoding ${String(encoding)}`);
    }
  }

  override toString(encoding: Encoding = 'utf8'): string {
    switch (encoding) {
      case 'hex': {
        let out = '';
        for (const byte of this) out += byte.toString(16).padStart(2, '0');
        return out;
      }
      case 'base64':
        return btoa(this.latin1());
      case 'latin1':
      case 'binary':
        return this.latin1();
      case 'utf8':
      case 'utf-8':
        return new TextDecoder().decode(this);
      default:
        throw new TypeError(`Buffer shim: unsupported encoding ${String(encoding)}`);
    }
  }

  private latin1(): string {
    let out = '';
    // Chunked: String.fromCharCode(...big array) overflows the argument limit.
    for (let i = 0; i < this.length; i += 0x8000) out += String.fromCharCode(...this.subarray(i, i + 0x8000));
    return out;
  }
}

/** The `Buffer` global as far as the library uses it: `Buffer.from`. */
export const Buffer = {
  from(value: string | ArrayBufferLike | ArrayLike<number>, encodingOrOffset?: Encoding | number, length?: number): ShimBuffer {
    if (typeof value === 'string') return ShimBuffer.fromString(value, (encodingOrOffset as Encoding | undefined) ?? 'utf8');
    if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)) {
      // Node: a view on the same memory, not a copy.
      const offset = (encodingOrOffset as number | undefined) ?? 0;
      return new ShimBuffer(value as ArrayBuffer, offset, length ?? value.byteLength - offset);
    }
    const copy = new ShimBuffer((value as ArrayLike<number>).length);
    copy.set(value as ArrayLike<number>);
    return copy;
  },
};
