// A wallet on a local chain for the gas baselines, and the gas of the transactions it sends.
import { JsonRpcProvider, Network, Wallet, type ContractTransactionResponse } from 'ethers';

export interface BenchSigner {
  provider: JsonRpcProvider;
  wallet: Wallet;
  close(): void;
}

export async function benchSigner(rpcUrl: string, privateKey: string): Promise<BenchSigner> {
  const probe = new JsonRpcProvider(rpcUrl, undefined, { batchMaxCount: 1, staticNetwork: Network.from(1) });
  let chainId: bigint;
  try {
    chainId = BigInt(await probe.send('eth_chainId', []));
  } finally {
    probe.destroy();
  }
  // cacheTimeout -1: back-to-back transactions would otherwise get the same cached nonce; a short
  // polling interval, because the node mines each transaction at once.
  const provider = new JsonRpcProvider(rpcUrl, undefined, { batchMaxCount: 1, cacheTimeout: -1, pollingInterval: 20, staticNetwork: Network.from(chainId) });
  return { provider, wallet: new Wallet(privateKey, provider), close: () => provider.destroy() };
}

/** gasUsed of a mined, successful transaction. */
export async function gasOf(sent: Promise<ContractTransactionResponse>): Promise<number> {
  const tx = await sent;
  const receipt = await tx.wait();
  if (!receipt || receipt.status !== 1) throw new Error(`transaction ${tx.hash} failed`);
  return Number(receipt.gasUsed);
}

/** EIP-7825's per-transaction gas cap, which the Hardhat node enforces. */
const TX_GAS_CAP = 16_777_216n;

/** Whether the node would accept the transaction at all (block gas limit, per-transaction cap). */
export async function estimates(estimate: () => Promise<bigint>): Promise<boolean> {
  try {
    // 2% under the per-transaction cap: a batch estimated right at it can fail when it is sent.
    return (await estimate()) <= (TX_GAS_CAP * 98n) / 100n;
  } catch {
    return false;
  }
}
