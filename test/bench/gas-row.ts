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
