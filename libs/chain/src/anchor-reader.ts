// AnchorReader over JSON-RPC with ethers v6: what the auditor CLI uses to
// check a bundle's anchor against the NotificationLedger contract.
import { Contract, FetchRequest, Interface, JsonRpcProvider, Network, getAddress, getBytes, isCallException, isError } from 'ethers';
import type { AnchoredCheckpoint, AnchorReader } from '#sigillo/ledger';
import { NOTIFICATION_LEDGER_ABI } from './notification-ledger-abi.js';

/** The RPC could not be reached or did not answer as a JSON-RPC node. */
export class ChainUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChainUnreachableError';
  }
}

export interface EthersAnchorReaderOptions {
  /** Per-request timeout; ethers' own default (5 minutes) is far too long for an auditor at a terminal. */
  timeoutMs?: number;
}

const ledgerInterface = new Interface(NOTIFICATION_LEDGER_ABI);

export class EthersAnchorReader implements AnchorReader {
  private constructor(
    private readonly url: string,
    private readonly provider: JsonRpcProvider,
    private readonly chain: bigint,
  ) {}

  /**
   * Reads the chain id once with a plain request, then pins it: an ethers
   * provider left to detect the network on its own retries forever against a
   * dead URL instead of failing.
   */
  static async connect(url: string, options: EthersAnchorReaderOptions = {}): Promise<EthersAnchorReader> {
    const timeoutMs = options.timeoutMs ?? 15_000;
    assertHttpUrl(url);
    const chainId = await probeChainId(url, timeoutMs);
    const request = new FetchRequest(url);
    request.timeout = timeoutMs;
    const provider = new JsonRpcProvider(request, undefined, { batchMaxCount: 1, staticNetwork: Network.from(chainId) });
    return new EthersAnchorReader(url, provider, chainId);
  }

  async chainId(): Promise<bigint> {
    return this.chain;
  }

  async rootAt(contract: string, treeSize: bigint): Promise<Uint8Array | null> {
    const ledger = new Contract(normalizeAddress(contract), NOTIFICATION_LEDGER_ABI, this.provider);
    try {
      const [root] = (await ledger.getFunction('rootAt').staticCall(treeSize)) as [string, bigint];
      const bytes = getBytes(root);
      return bytes.every((b) => b === 0) ? null : bytes;
    } catch (e) {
      if (isCallException(e) && e.revert?.name === 'NotAnchored') return null;
      // No code at the address: the call "succeeds" with empty return data.
      if (isError(e, 'BAD_DATA') && e.value === '0x') return null;
      throw this.rpcError(e);
    }
  }

  async anchorTransaction(contract: string, txHash: string): Promise<AnchoredCheckpoint | null> {
    const address = normalizeAddress(contract);
    let receipt;
    try {
      receipt = await this.provider.getTransactionReceipt(txHash);
    } catch (e) {
      throw this.rpcError(e);
    }
    if (!receipt || receipt.status !== 1 || receipt.to === null || getAddress(receipt.to) !== address) return null;
    for (const log of receipt.logs) {
      if (getAddress(log.address) !== address) continue;
      let parsed;
      try {
        parsed = ledgerInterface.parseLog({ topics: [...log.topics], data: log.data });
      } catch {
        continue;
      }
      if (parsed?.name !== 'CheckpointAnchored') continue;
      return {
        blockNumber: BigInt(receipt.blockNumber),
        treeSize: parsed.args.treeSize as bigint,
        root: getBytes(parsed.args.root as string),
      };
    }
    return null;
  }

  /** Releases the provider so the process can exit. */
  destroy(): void {
    this.provider.destroy();
  }

  private rpcError(e: unknown): Error {
    if (isError(e, 'TIMEOUT')) return new ChainUnreachableError(`chain RPC ${this.url} did not answer in time`);
    if (isError(e, 'SERVER_ERROR') || isError(e, 'NETWORK_ERROR')) {
      return new ChainUnreachableError(`chain RPC ${this.url} is unreachable (${e.shortMessage})`);
    }
    const short = isError(e, 'UNKNOWN_ERROR') || isCallException(e) ? e.shortMessage : e instanceof Error ? e.message : String(e);
    // ethers keeps the node's own words (e.g. "header not found") in info.error.
    const nodeSaid = (e as { info?: { error?: { message?: unknown } } }).info?.error?.message;
    const detail = typeof nodeSaid === 'string' && nodeSaid !== short ? ` (${nodeSaid})` : '';
    return new Error(`chain RPC ${this.url} failed: ${`${short}${detail}`.split('\n')[0]}`);
  }
}

function assertHttpUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ChainUnreachableError(`chain RPC URL "${url}" is not a valid URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ChainUnreachableError(`chain RPC URL "${url}" must be http:// or https://`);
  }
}

async function probeChainId(url: string, timeoutMs: number): Promise<bigint> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw new ChainUnreachableError(`chain RPC ${url} is unreachable (${causeOf(e)})`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ChainUnreachableError(`chain RPC ${url} is not a JSON-RPC endpoint (HTTP ${response.status}, body is not JSON)`);
  }
  const result = (body as { result?: unknown } | null)?.result;
  if (typeof result !== 'string' || !/^0x[0-9a-fA-F]+$/.test(result)) {
    throw new ChainUnreachableError(`chain RPC ${url} did not return a chain id (HTTP ${response.status})`);
  }
  return BigInt(result);
}

// Bundles may carry a lower-case address; ethers rejects mixed case with a bad checksum.
function normalizeAddress(address: string): string {
  return getAddress(address.toLowerCase());
}

// fetch() hides the useful part (ECONNREFUSED, ENOTFOUND, timeout) in `cause`.
function causeOf(e: unknown): string {
  if (e instanceof Error && e.name === 'TimeoutError') return 'no answer in time';
  const cause = e instanceof Error ? (e.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
}
