import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ContractFactory, JsonRpcProvider, Wallet, type InterfaceAbi } from 'ethers';

import { repoRoot } from '#sigillo/platform';

export const NOTIFICATION_LEDGER_ARTIFACT = 'artifacts/contracts/NotificationLedger.sol/NotificationLedger.json';

export interface DeployNotificationLedgerOptions {
  rpcUrl: string;
  deployerKey: string;
  admin: string;
  anchorer: string;
}

export interface DeployedLedger {
  address: string;
  chainId: bigint;
  blockNumber: number;
  txHash: string;
}

export class MissingArtifactError extends Error {}

/** Absolute path of the compiled contract, whether it exists or not. */
export function notificationLedgerArtifactPath(): string {
  return join(repoRoot(), NOTIFICATION_LEDGER_ARTIFACT);
}

export function readNotificationLedgerArtifact(): { abi: InterfaceAbi; bytecode: string } {
  const path = notificationLedgerArtifactPath();
  if (!existsSync(path)) {
    throw new MissingArtifactError(`${NOTIFICATION_LEDGER_ARTIFACT} is missing: run \`npx hardhat compile\` first`);
  }
  const artifact = JSON.parse(readFileSync(path, 'utf8')) as { abi?: InterfaceAbi; bytecode?: string };
  if (!artifact.abi || !artifact.bytecode || artifact.bytecode === '0x') {
    throw new MissingArtifactError(`${NOTIFICATION_LEDGER_ARTIFACT} has no abi/bytecode: run \`npx hardhat compile\` again`);
  }
  return { abi: artifact.abi, bytecode: artifact.bytecode };
}

export async function deployNotificationLedger(options: DeployNotificationLedgerOptions): Promise<DeployedLedger> {
  const { abi, bytecode } = readNotificationLedgerArtifact();
  // batchMaxCount 1: plain JSON-RPC requests, which every node (and our test proxy) understands.
  const provider = new JsonRpcProvider(options.rpcUrl, undefined, { batchMaxCount: 1 });
  try {
    const wallet = new Wallet(options.deployerKey, provider);
    const contract = await new ContractFactory(abi, bytecode, wallet).deploy(options.admin, options.anchorer);
    const tx = contract.deploymentTransaction()!;
    const receipt = await tx.wait();
    if (!receipt || receipt.status !== 1) throw new Error(`deployment transaction ${tx.hash} failed`);
    const { chainId } = await provider.getNetwork();
    return { address: await contract.getAddress(), chainId, blockNumber: receipt.blockNumber, txHash: tx.hash };
  } finally {
    provider.destroy();
  }
}
