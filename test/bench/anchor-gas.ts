// Gas of NotificationLedger.anchor with real consistency proofs from a stored log: what Sigillo pays
// per checkpoint, and so per entry, at a given number of entries per anchor.
import { setTimeout as sleep } from 'node:timers/promises';
import { deployNotificationLedger, hardhatAccounts } from '#sigillo/dev-stack';
import { LedgerContractClient } from '#sigillo/chain';
import type { TreeReader } from '#sigillo/ledger';
import { median } from './stats.js';

export interface AnchorGasRow {
  entriesPerAnchor: number;
  /** Anchors measured at this step (fewer than asked when the log is too short). */
  runs: number;
  proofHashes: number;
  gasPerAnchor: number;
  gasPerEntry: number;
}

/** One anchoring transaction the measurement made: enough to record it as Sigillo's worker would. */
export interface AnchorMade {
  treeSize: bigint;
  previousSize: bigint;
  root: Uint8Array;
  txHash: string;
  blockNumber: bigint;
  gasUsed: bigint;
  proofHashes: number;
}

export interface AnchorGasResult {
  contract: string;
  chainId: bigint;
  rows: AnchorGasRow[];
  anchors: AnchorMade[];
  /** Anchors `size` (from the last anchored size, with its consistency proof); for the audit set-up. */
  anchorAt(size: bigint): Promise<AnchorMade>;
  close(): void;
}

export const ANCHOR_STEPS = [1_000, 10_000, 100_000];

/**
 * Deploys a fresh NotificationLedger on `rpcUrl` and anchors a growing prefix of the log: a first
 * anchor at 1,234, then `runs` rounds of one anchor per step. Sizes vary a little between rounds so
 * the proof depths vary as they do in production. The caller closes the result.
 */
export async function measureAnchorGas(tree: TreeReader, opts: { rpcUrl: string; logSize: number; runs: number; steps?: number[] }): Promise<AnchorGasResult> {
  const steps = opts.steps ?? ANCHOR_STEPS;
  const [admin, anchorer] = hardhatAccounts;
  const deployed = await deployNotificationLedger({ rpcUrl: opts.rpcUrl, deployerKey: admin.privateKey, admin: admin.address, anchorer: anchorer.address });
  const client = new LedgerContractClient(opts.rpcUrl, deployed.address, anchorer.privateKey);
  const anchors: AnchorMade[] = [];
  let at = 0n;
  const anchorAt = async (size: bigint): Promise<AnchorMade> => {
    const proof = at === 0n ? [] : await tree.consistencyProof(at, size);
    const root = await tree.rootAt(size);
    const prepared = await client.prepareAnchor(size, root, proof);
    await prepared.broadcast();
    for (;;) {
      const state = await client.transactionState(prepared.txHash);
      if (state.state === 'mined') {
        if (!state.success) throw new Error(`anchor at ${size} reverted`);
        const made = {
          treeSize: size,
          previousSize: at,
          root,
          txHash: prepared.txHash,
          blockNumber: state.blockNumber,
          gasUsed: state.gasUsed,
          proofHashes: proof.length,
        };
        anchors.push(made);
        at = size;
        return made;
      }
      await sleep(20);
    }
  };

  const samples = new Map<number, { gas: number[]; hashes: number[] }>(steps.map((s) => [s, { gas: [], hashes: [] }]));
  await anchorAt(1_234n);
  for (let r = 0; r < opts.runs; r++) {
    for (const step of steps) {
      const nextSize = at + BigInt(step) + BigInt(r * 37);
      if (nextSize > BigInt(opts.logSize)) continue;
      const { gasUsed, proofHashes } = await anchorAt(nextSize);
      samples.get(step)!.gas.push(Number(gasUsed));
      samples.get(step)!.hashes.push(proofHashes);
    }
  }
  const rows = steps.map((step) => {
    const { gas, hashes } = samples.get(step)!;
    return { entriesPerAnchor: step, runs: gas.length, proofHashes: median(hashes), gasPerAnchor: median(gas), gasPerEntry: median(gas) / step };
  });
  return { contract: deployed.address, chainId: deployed.chainId, rows, anchors, anchorAt, close: () => client.destroy() };
}
