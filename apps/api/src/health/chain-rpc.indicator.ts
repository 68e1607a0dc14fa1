import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ApiConfig } from '#sigillo/platform';

/**
 * The RPC that proofs and auditors depend on, asked for eth_chainId directly: no ethers provider,
 * whose network detection keeps retrying in the background once the node is away.
 */
@Injectable()
export class ChainRpcIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly config: ApiConfig,
  ) {}

  check(key: string) {
    return this.indicators
      .check(key)
      .attempt(async ({ signal }) => ({ chainId: await chainId(this.config.CHAIN_RPC_URL, signal) }))
      .withTimeout(this.config.HEALTH_TIMEOUT_MS);
  }
}

async function chainId(rpcUrl: string, signal: AbortSignal): Promise<number> {
  const res = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    signal,
  });
  if (!res.ok) throw new Error(`chain RPC answered HTTP ${res.status}`);
  const body = (await res.json()) as { result?: unknown; error?: { message?: string } };
  if (typeof body.result !== 'string') throw new Error(`chain RPC error: ${body.error?.message ?? 'no result'}`);
  return Number(BigInt(body.result));
}
