// The "one event per entry" baseline: contracts/bench/EntryEvents.sol, an event per entry hash and
// nothing stored, called once per entry and with whole batches.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Contract, ContractFactory, hexlify, type InterfaceAbi } from 'ethers';
import { repoRoot } from '#sigillo/platform';
import { largestFitting } from './batch-size.js';
import { benchSigner, estimates, gasOf } from './bench-signer.js';
import { gasRow, type GasBaselineOptions, type GasRow } from './gas-row.js';

const ARTIFACT = 'artifacts/contracts/bench/EntryEvents.sol/EntryEvents.json';

function artifact(): { abi: InterfaceAbi; bytecode: string } {
  const path = join(repoRoot(), ARTIFACT);
  if (!existsSync(path)) throw new Error(`${ARTIFACT} is missing: run \`npx hardhat compile\` first`);
  return JSON.parse(readFileSync(path, 'utf8')) as { abi: InterfaceAbi; bytecode: string };
}

const entryHash = () => hexlify(randomBytes(32));

export async function measureEventGas(opts: GasBaselineOptions): Promise<GasRow[]> {
  const say = opts.onProgress ?? (() => undefined);
  const { wallet, close } = await benchSigner(opts.rpcUrl, opts.privateKey);
  try {
    const { abi, bytecode } = artifact();
    const events = (await (await new ContractFactory(abi, bytecode, wallet).deploy()).waitForDeployment()) as Contract;
    const rows: GasRow[] = [];
    say(`event per entry x ${opts.singleRuns}`);
    const single: number[] = [];
    for (let r = 0; r < opts.singleRuns; r++) single.push(await gasOf(events.record(entryHash())));
    rows.push(gasRow('one event per entry, one tx each', 1, single));

    const hashes = (n: number) => Array.from({ length: n }, entryHash);
    const largest = await largestFitting((n) => estimates(() => events.recordBatch.estimateGas(hashes(n))), 100, 100_000);
    for (const n of [...new Set([...opts.batches.filter((b) => b < largest), largest])]) {
      say(`event batch of ${n} x ${opts.batchRuns}`);
      const gas: number[] = [];
      for (let r = 0; r < opts.batchRuns; r++) gas.push(await gasOf(events.recordBatch(hashes(n))));
      rows.push(gasRow(n === largest ? 'one event per entry, batched (largest batch the node accepts)' : 'one event per entry, batched', n, gas));
    }
    return rows;
  } finally {
    close();
  }
}
