import { Contract, JsonRpcProvider, Network, Transaction, Wallet } from 'ethers';
import { NOTIFICATION_LEDGER_ABI } from './notification-ledger-abi.js';

export type TransactionState =
  { state: 'missing' } | { state: 'pending' } | { state: 'mined'; success: boolean; blockNumber: bigint; gasUsed: bigint; confirmations: number };

/** The anchoring key's view of the NotificationLedger contract. A plain class: no Nest, no database. */
export class LedgerContractClient {
  private provider: JsonRpcProvider | null = null;
  private chain: bigint | null = null;

  constructor(
    private readonly rpcUrl: string,
    readonly address: string,
    private readonly privateKey: string,
  ) {}

  async chainId(): Promise<bigint> {
    await this.connect();
    return this.chain!;
  }

  async latest(): Promise<{ treeSize: bigint; root: Uint8Array }> {
    await this.connect();
    const [treeSize, root] = (await this.contract().latest()) as [bigint, string];
    return { treeSize, root: hexToBytes(root) };
  }

  /**
   * Signs locally and returns the hash before broadcasting, so the caller can record the
   * attempt first: a crash after broadcast then never leaves an anchor we know nothing of.
   */
  async prepareAnchor(treeSize: bigint, root: Uint8Array, proof: Uint8Array[]): Promise<{ txHash: string; broadcast: () => Promise<void> }> {
    await this.connect();
    const wallet = this.wallet();
    const request = await this.contract(wallet).anchor.populateTransaction(treeSize, root, proof);
    const populated = await wallet.populateTransaction(request);
    const signed = await wallet.signTransaction(populated);
    const txHash = Transaction.from(signed).hash!;
    return { txHash, broadcast: async () => void (await this.provider!.broadcastTransaction(signed)) };
  }

  async transactionState(txHash: string): Promise<TransactionState> {
    const provider = await this.connect();
    const receipt = await provider.getTransactionReceipt(txHash);
    if (!receipt) return (await provider.getTransaction(txHash)) ? { state: 'pending' } : { state: 'missing' };
    const head = await provider.getBlockNumber();
    return {
      state: 'mined',
      success: receipt.status === 1,
      blockNumber: BigInt(receipt.blockNumber),
      gasUsed: receipt.gasUsed,
      confirmations: head - receipt.blockNumber + 1,
    };
  }

  /**
   * The CheckpointAnchored event for `treeSize` within the last `lookbackBlocks` blocks, so an
   * anchor that is on chain but missing from our records (a crash after broadcast, a receipt the
   * node lost in a reorg) can be recorded from the chain itself.
   */
  async findAnchoredEvent(
    treeSize: bigint,
    lookbackBlocks: number,
  ): Promise<{ txHash: string; blockNumber: bigint; previousSize: bigint; root: Uint8Array; confirmations: number } | null> {
    const provider = await this.connect();
    const contract = this.contract();
    const head = await provider.getBlockNumber();
    const events = await contract.queryFilter(contract.filters.CheckpointAnchored(treeSize), Math.max(0, head - lookbackBlocks), head);
    const last = events.at(-1) as ((typeof events)[number] & { args: [bigint, string, bigint] }) | undefined;
    if (!last) return null;
    return {
      txHash: last.transactionHash,
      blockNumber: BigInt(last.blockNumber),
      root: hexToBytes(last.args[1]),
      previousSize: last.args[2],
      confirmations: head - last.blockNumber + 1,
    };
  }

  async gasUsed(txHash: string): Promise<bigint | null> {
    const receipt = await (await this.connect()).getTransactionReceipt(txHash);
    return receipt ? receipt.gasUsed : null;
  }

  destroy(): void {
    this.provider?.destroy();
    this.provider = null;
  }

  private async connect(): Promise<JsonRpcProvider> {
    if (this.provider) return this.provider;
    // Asking eth_chainId ourselves and pinning the network keeps ethers from retrying network
    // detection in the background while the RPC is down.
    const probe = new JsonRpcProvider(this.rpcUrl, undefined, { batchMaxCount: 1, staticNetwork: Network.from(1) });
    try {
      this.chain = BigInt(await probe.send('eth_chainId', []));
    } finally {
      probe.destroy();
    }
    // cacheTimeout -1: ethers otherwise answers a repeated eth_getTransactionCount from a 250 ms
    // cache, and two anchors in quick succession would be signed with the same nonce.
    this.provider = new JsonRpcProvider(this.rpcUrl, undefined, { batchMaxCount: 1, cacheTimeout: -1, staticNetwork: Network.from(this.chain) });
    return this.provider;
  }

  private wallet(): Wallet {
    return new Wallet(this.privateKey, this.provider!);
  }

  private contract(runner: Wallet | JsonRpcProvider | null = this.provider): Contract {
    if (!runner) throw new Error('ledger contract client is not connected');
    return new Contract(this.address, NOTIFICATION_LEDGER_ABI, runner);
  }
}

function hexToBytes(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex.replace(/^0x/, ''), 'hex'));
}
