import { Contract, JsonRpcProvider, Network } from 'ethers';
import { NOTIFICATION_LEDGER_ABI } from '#sigillo/chain';

/**
 * The Hardhat node as the chaos run drives it, straight to its port (the services reach it
 * through a proxy that the run cuts): snapshots, reverts, mining, and the contract's latest().
 */
export class ChainControl {
  private readonly provider: JsonRpcProvider;
  private readonly contract: Contract;

  constructor(rpcUrl: string, chainId: bigint, address: string) {
    this.provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: Network.from(chainId), cacheTimeout: -1, batchMaxCount: 1 });
    this.contract = new Contract(address, NOTIFICATION_LEDGER_ABI, this.provider);
  }

  async latest(): Promise<{ treeSize: bigint; root: string }> {
    const [treeSize, root] = (await this.contract.latest()) as [bigint, string];
    return { treeSize, root };
  }

  snapshot(): Promise<string> {
    return this.provider.send('evm_snapshot', []);
  }

  async revert(id: string): Promise<boolean> {
    return (await this.provider.send('evm_revert', [id])) as boolean;
  }

  async setAutomine(on: boolean): Promise<void> {
    await this.provider.send('evm_setAutomine', [on]);
  }

  async mine(): Promise<void> {
    await this.provider.send('evm_mine', []);
  }

  async pendingTransactions(): Promise<number> {
    const block = (await this.provider.send('eth_getBlockByNumber', ['pending', false])) as { transactions: string[] } | null;
    return block?.transactions.length ?? 0;
  }

  /** Whether the transaction is in a block of the chain as it is now. */
  async isMined(txHash: string): Promise<boolean> {
    return (await this.provider.getTransactionReceipt(txHash)) !== null;
  }

  destroy(): void {
    this.provider.destroy();
  }
}
