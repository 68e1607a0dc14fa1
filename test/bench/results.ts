// Everything one `npm run bench` measured; a section is null when it was not run (BENCH_ONLY).
import type { AnchorGasRow } from './anchor-gas.js';
import type { EasGasFigures } from './eas-gas.js';
import type { GasRow } from './gas-row.js';
import type { IngestBenchFigures } from './ingest-run.js';
import type { LedgerBenchFigures } from './ledger-run.js';
import type { MachineInfo } from './machine.js';
import type { PgbenchFigures } from './pgbench-run.js';

export interface GasSection {
  blockGasLimit: bigint;
  sigillo: AnchorGasRow[];
  eas: EasGasFigures;
  events: GasRow[];
}

export interface BenchResults {
  quick: boolean;
  startedAt: Date;
  finishedAt: Date;
  /** 1-minute load average when the run ended. */
  loadAtEnd: number;
  machine: MachineInfo;
  pgbench: PgbenchFigures | null;
  ingest: IngestBenchFigures | null;
  ledger: LedgerBenchFigures | null;
  gas: GasSection | null;
  /** The ledger timings the event → anchored delay ran with. */
  devSettings: Record<string, string>;
}
