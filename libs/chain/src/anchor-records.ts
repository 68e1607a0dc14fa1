export type AnchorStatus = 'SUBMITTED' | 'CONFIRMED' | 'ORPHANED';

/** What we saw of one anchoring transaction. */
export interface AnchorRecord {
  id: bigint;
  chainId: bigint;
  contract: string;
  treeSize: bigint;
  root: Uint8Array;
  previousSize: bigint;
  txHash: string;
  status: AnchorStatus;
  blockNumber: bigint | null;
  gasUsed: bigint | null;
  submittedAt: Date;
  confirmedAt: Date | null;
}

export interface NewAnchor {
  chainId: bigint;
  contract: string;
  treeSize: bigint;
  root: Uint8Array;
  previousSize: bigint;
  txHash: string;
}
