// The AnchorReader of libs/ledger/src/bundle-verify.ts over plain `fetch` JSON-RPC, for the browser:
// the same three reads as libs/chain/src/anchor-reader.ts (ethers), with the same meaning of
// "not anchored", and no dependency on ethers. Requests go only to the URL the auditor typed.
import type { AnchoredCheckpoint, AnchorReader } from '#sigillo/ledger/core';

/**
 * Selectors and topic of libs/chain/src/notification-ledger-abi.ts, precomputed (keccak-256) so the
 * page needs no Keccak; rpc-anchor-reader.spec.ts and the page build check them against ethers.
 */
export const LEDGER_ABI_IDS = {
  /** rootAt(uint64) returns (bytes32 root, uint64 anchoredAt) */
  rootAt: '0xeaa38b41',
  /** error NotAnchored(uint64 treeSize) */
  notAnchored: '0x8c247861',
  /** event CheckpointAnchored(uint64 indexed treeSize, bytes32 root, uint64 previousSize) */
  checkpointAnchored: '0x031af2ea7f6de84bdca3583762e907ac3bb3b1092e7b71ca4fa616a2eae67303',
} as const;

export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal?: AbortSignal },
) => Promise<{
  status: number;
  json(): Promise<unknown>;
}>;

export interface RpcAnchorReaderOptions {
  /** Per request; an auditor waiting in front of a page wants an answer, not a spinner. */
  timeoutMs?: number;
  /** For tests; the global fetch by default. */
  fetch?: FetchLike;
}

/** A node's JSON-RPC error object (EIP-1474), with revert data where the node gives it. */
interface RpcError {
  code?: number;
  message?: string;
  data?: unknown;
}

class RpcCallError extends Error {
  constructor(
    message: string,
    readonly rpc: RpcError,
  ) {
    super(message);
    this.name = 'RpcCallError';
  }
}

const UINT64_MASK = (1n << 64n) - 1n;

/** Throws, with a one-line message naming the URL, unless `url` is an http(s) URL. */
export function assertRpcUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`chain RPC URL "${url}" is not a valid URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`chain RPC URL "${url}" must be http:// or https://`);
  }
}

export class RpcAnchorReader implements AnchorReader {
  private chain?: Promise<bigint>;
  private nextId = 1;
  private readonly timeoutMs: number;
  private readonly fetch: FetchLike;

  constructor(
    readonly url: string,
    options: RpcAnchorReaderOptions = {},
  ) {
    assertRpcUrl(url);
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.fetch = options.fetch ?? ((u, init) => globalThis.fetch(u, init));
  }

  /** Asked once per reader, like the CLI, which pins the chain id when it connects. */
  chainId(): Promise<bigint> {
    this.chain ??= this.request('eth_chainId', []).then((result) => {
      if (typeof result !== 'string' || !/^0x[0-9a-fA-F]+$/.test(result)) {
        throw new Error(`chain RPC ${this.url} did not return a chain id`);
      }
      return BigInt(result);
    });
    return this.chain;
  }

  async rootAt(contract: string, treeSize: bigint): Promise<Uint8Array | null> {
    const data = LEDGER_ABI_IDS.rootAt + word(treeSize);
    let result: unknown;
    try {
      result = await this.request('eth_call', [{ to: contract.toLowerCase(), data }, 'latest']);
    } catch (e) {
      // Reverted with NotAnchored(treeSize): never anchored.
      if (e instanceof RpcCallError && revertData(e.rpc).startsWith(LEDGER_ABI_IDS.notAnchored)) return null;
      throw e;
    }
    if (typeof result !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(result)) {
      throw new Error(`chain RPC ${this.url} failed: eth_call returned no hex data`);
    }
    // No code at the address: the call "succeeds" with empty return data.
    if (result === '0x') return null;
    if (result.length < 2 + 2 * 64) throw new Error(`chain RPC ${this.url} failed: could not decode result data of rootAt`);
    const root = hexBytes(result.slice(2, 2 + 64));
    return root.every((b) => b === 0) ? null : root;
  }

  async anchorTransaction(contract: string, txHash: string): Promise<AnchoredCheckpoint | null> {
    const address = contract.toLowerCase();
    const receipt = (await this.request('eth_getTransactionReceipt', [txHash])) as Receipt | null;
    if (receipt === null || typeof receipt !== 'object') return null;
    if (!isHexQuantity(receipt.status) || BigInt(receipt.status) !== 1n) return null;
    if (typeof receipt.to !== 'string' || receipt.to.toLowerCase() !== address) return null;
    if (!isHexQuantity(receipt.blockNumber) || !Array.isArray(receipt.logs)) {
      throw new Error(`chain RPC ${this.url} failed: malformed receipt for ${txHash}`);
    }
    for (const log of receipt.logs) {
      if (typeof log?.address !== 'string' || log.address.toLowerCase() !== address) continue;
      const topics = Array.isArray(log.topics) ? log.topics : [];
      if (typeof topics[0] !== 'string' || topics[0].toLowerCase() !== LEDGER_ABI_IDS.checkpointAnchored) continue;
      // treeSize is indexed (topic 1); data is root (bytes32) then previousSize (uint64).
      const data = typeof log.data === 'string' ? log.data : '';
      if (topics.length !== 2 || !/^0x[0-9a-fA-F]{64}$/.test(topics[1]) || !/^0x[0-9a-fA-F]{128,}$/.test(data)) continue;
      return {
        blockNumber: BigInt(receipt.blockNumber),
        treeSize: BigInt(topics[1]) & UINT64_MASK,
        root: hexBytes(data.slice(2, 66)),
      };
    }
    return null;
  }

  private async request(method: string, params: unknown[]): Promise<unknown> {
    const id = this.nextId++;
    let response: Awaited<ReturnType<FetchLike>>;
    try {
      response = await this.fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw new Error(`chain RPC ${this.url} is unreachable (${unreachableCause(e)})`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new Error(`chain RPC ${this.url} is not a JSON-RPC endpoint (HTTP ${response.status}, body is not JSON)`);
    }
    const reply = (body ?? {}) as { result?: unknown; error?: RpcError };
    if (reply.error && typeof reply.error === 'object') {
      const said = typeof reply.error.message === 'string' ? reply.error.message : JSON.stringify(reply.error);
      throw new RpcCallError(`chain RPC ${this.url} failed: ${method}: ${said.split('\n')[0]}`, reply.error);
    }
    if (!('result' in reply)) throw new Error(`chain RPC ${this.url} failed: ${method}: no result (HTTP ${response.status})`);
    return reply.result;
  }
}

interface Receipt {
  status?: unknown;
  to?: unknown;
  blockNumber?: unknown;
  logs?: { address?: unknown; topics?: string[]; data?: unknown }[];
}

function isHexQuantity(value: unknown): value is string {
  return typeof value === 'string' && /^0x[0-9a-fA-F]+$/.test(value);
}

// Nodes put revert data in error.data (Hardhat, Geth) or error.data.data (some providers).
function revertData(error: RpcError): string {
  const data = typeof error.data === 'string' ? error.data : (error.data as { data?: unknown } | undefined)?.data;
  return typeof data === 'string' ? data.toLowerCase() : '';
}

/** A uint as one 32-byte ABI word, hex without 0x. */
function word(value: bigint): string {
  if (value < 0n || value > UINT64_MASK) throw new RangeError(`tree size ${value} is not a uint64`);
  return value.toString(16).padStart(64, '0');
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

// A browser says only "Failed to fetch" for a refused connection, a DNS failure or a CORS refusal.
function unreachableCause(e: unknown): string {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return 'no answer in time';
  const cause = e instanceof Error ? (e.cause as { code?: string } | undefined) : undefined;
  if (cause?.code) return cause.code;
  const message = e instanceof Error ? e.message : String(e);
  return /failed to fetch|networkerror|load failed/i.test(message)
    ? `${message}: no answer, or the node does not allow requests from this page (CORS)`
    : message;
}
