// Browser stand-in for `node:util/types` (libs/ledger/src/hash.ts uses isUint8Array only).

/** True for any Uint8Array, subclasses (the Buffer shim) and other realms included. */
export function isUint8Array(value: unknown): value is Uint8Array {
  return ArrayBuffer.isView(value) && (value as { [Symbol.toStringTag]?: string })[Symbol.toStringTag] === 'Uint8Array';
}
