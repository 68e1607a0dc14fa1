import { median } from './stats.js';

/** One way of putting entries on chain, measured: gas per transaction and per entry (medians). */
export interface GasRow {
  method: string;
  entriesPerTx: number;
  runs: number;
  gasPerTx: number;
  gasPerEntry: number;
}

export function gasRow(method: string, entriesPerTx: number, gasSamples: number[]): GasRow {
  const gasPerTx = median(gasSamples);
  return { method, entriesPerTx, runs: gasSamples.length, gasPerTx, gasPerEntry: gasPerTx / entriesPerTx };
}

/** What a baseline measurement (EAS, one event per entry) needs: the node, a funded key, how often. */
export interface GasBaselineOptions {
  rpcUrl: string;
  privateKey: string;
  /** Single-entry transactions measured. */
  singleRuns: number;
  /** Transactions measured per batch size. */
  batchRuns: number;
  /** Batch sizes besides the largest the node accepts. */
  batches: number[];
  onProgress?: (line: string) => void;
}
