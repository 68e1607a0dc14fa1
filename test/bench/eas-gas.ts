// The Ethereum Attestation Service baseline: the real SchemaRegistry and EAS contracts, deployed
// from the bytecode the npm package ships (the build EAS publishes and deploys), one attestation
// or timestamp per entry hash.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { AbiCoder, Contract, ContractFactory, ZeroAddress, ZeroHash, hexlify, type InterfaceAbi } from 'ethers';
import { largestFitting } from './batch-size.js';
import { benchSigner, estimates, gasOf } from './bench-signer.js';
import { gasRow, type GasBaselineOptions, type GasRow } from './gas-row.js';

const require = createRequire(import.meta.url);
const PACKAGE = '@ethereum-attestation-service/eas-contracts';

/** No personal data: the attestation carries the entry's leaf hash only, as Sigillo's leaves do. */
export const EAS_SCHEMA = 'bytes32 entryHash';

export interface EasGasFigures {
  packageVersion: string;
  contractVersion: string;
  schema: string;
  rows: GasRow[];
}

function artifact(name: 'EAS' | 'SchemaRegistry'): { abi: InterfaceAbi; bytecode: string } {
  return require(`${PACKAGE}/artifacts/contracts/${name}.sol/${name}.json`) as { abi: InterfaceAbi; bytecode: string };
}

const entryHash = () => hexlify(randomBytes(32));
const coder = AbiCoder.defaultAbiCoder();

export async function measureEasGas(opts: GasBaselineOptions): Promise<EasGasFigures> {
  const say = opts.onProgress ?? (() => undefined);
  const { wallet, close } = await benchSigner(opts.rpcUrl, opts.privateKey);
  try {
    const registryArtifact = artifact('SchemaRegistry');
    const registry = (await (await new ContractFactory(registryArtifact.abi, registryArtifact.bytecode, wallet).deploy()).waitForDeployment()) as Contract;
    const easArtifact = artifact('EAS');
    const eas = (await (
      await new ContractFactory(easArtifact.abi, easArtifact.bytecode, wallet).deploy(await registry.getAddress())
    ).waitForDeployment()) as Contract;
    // Not revocable, no resolver: the cheapest attestation EAS offers for an immutable record.
    const schema = (await registry.register.staticCall(EAS_SCHEMA, ZeroAddress, false)) as string;
    await gasOf(registry.register(EAS_SCHEMA, ZeroAddress, false));

    const request = () => ({
      recipient: ZeroAddress,
      expirationTime: 0n,
      revocable: false,
      refUID: ZeroHash,
      data: coder.encode(['bytes32'], [entryHash()]),
      value: 0n,
    });
    const multi = (n: number) => [{ schema, data: Array.from({ length: n }, request) }];
    const stamps = (n: number) => Array.from({ length: n }, entryHash);
    const rows: GasRow[] = [];

    say(`EAS attest x ${opts.singleRuns}`);
    const single: number[] = [];
    for (let r = 0; r < opts.singleRuns; r++) single.push(await gasOf(eas.attest({ schema, data: request() })));
    rows.push(gasRow('EAS attest', 1, single));

    const batched = async (method: string, send: (n: number) => Promise<number>, fits: (n: number) => Promise<boolean>) => {
      const largest = await largestFitting(fits, 100, 100_000);
      const sizes = [...new Set([...opts.batches.filter((b) => b < largest), largest])];
      for (const n of sizes) {
        say(`${method} of ${n} x ${opts.batchRuns}`);
        const gas: number[] = [];
        for (let r = 0; r < opts.batchRuns; r++) gas.push(await send(n));
        rows.push(gasRow(n === largest ? `${method} (largest batch the node accepts)` : method, n, gas));
      }
    };
    await batched(
      'EAS multiAttest',
      (n) => gasOf(eas.multiAttest(multi(n))),
      (n) => estimates(() => eas.multiAttest.estimateGas(multi(n))),
    );
    await batched(
      'EAS multiTimestamp',
      (n) => gasOf(eas.multiTimestamp(stamps(n))),
      (n) => estimates(() => eas.multiTimestamp.estimateGas(stamps(n))),
    );
    const packageVersion = (require(`${PACKAGE}/package.json`) as { version: string }).version;
    return { packageVersion, contractVersion: (await eas.version()) as string, schema: EAS_SCHEMA, rows };
  } finally {
    close();
  }
}
