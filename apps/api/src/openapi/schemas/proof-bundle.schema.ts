import { ApiProperty } from '@nestjs/swagger';

class BundleEntry {
  @ApiProperty({ type: 'integer', example: 1841 })
  seq: number;

  @ApiProperty({ type: 'string', description: 'RFC 8785 canonical JSON of {seq, type, occurredAt, recordedAt, body}' })
  canonical: string;

  @ApiProperty({ type: 'string', description: '32-byte salt, hex; leaf data = salt || UTF-8(canonical)' })
  salt: string;
}

class BundleCheckpoint {
  @ApiProperty({ type: 'string', description: 'Signed checkpoint (C2SP tlog-checkpoint + signed-note)' })
  note: string;

  @ApiProperty({ type: 'string', description: 'C2SP verifier key, as the log claims it; pin your own' })
  verifierKey: string;
}

class BundleAnchor {
  @ApiProperty({ type: 'integer', example: 31337 })
  chainId: number;

  @ApiProperty({ type: 'string', example: '0x5fbdb2315678afecb367f032d93f642f64180aa3' })
  contract: string;

  @ApiProperty({ type: 'string', example: '0x3b1c…' })
  txHash: string;

  @ApiProperty({ type: 'integer', example: 912 })
  blockNumber: number;

  @ApiProperty({ type: 'integer', example: 1850 })
  treeSize: number;

  @ApiProperty({ type: 'string', description: 'Merkle root, hex' })
  root: string;
}

/** docs/proof-bundle.md */
export class ProofBundleSchema {
  @ApiProperty({ type: 'string', enum: ['sigillo.proof-bundle.v1'] })
  format: string;

  @ApiProperty({ type: () => BundleEntry })
  entry: BundleEntry;

  @ApiProperty({ type: 'integer', example: 1841 })
  leafIndex: number;

  @ApiProperty({ type: 'string', description: 'SHA-256(0x00 || salt || canonical), hex' })
  leafHash: string;

  @ApiProperty({ type: () => BundleCheckpoint })
  checkpoint: BundleCheckpoint;

  @ApiProperty({ type: [String], description: 'Inclusion proof of the leaf in the checkpoint’s tree (hex hashes)' })
  inclusionProof: string[];

  @ApiProperty({ type: () => BundleAnchor })
  anchor: BundleAnchor;

  @ApiProperty({ type: [String], description: 'Consistency proof from the checkpoint’s size to anchor.treeSize; [] when equal' })
  consistencyProof: string[];
}

export const PROOF_BUNDLE_EXAMPLE = {
  format: 'sigillo.proof-bundle.v1',
  entry: {
    seq: 1841,
    canonical:
      '{"body":{"eventId":"ord-10023-shipped","notificationId":"5f0c5d7e-8a59-4c8e-9d1e-2f4b7a1c9e03","pricing":{"expected":"billable","windowOpen":false},"template":{"category":"UTILITY","language":"it","name":"order_status_update"},"tenantId":"3f1e…","to":"+393330000001","wamid":"wamid.HBgM…","attempt":1},"occurredAt":"2026-11-21T10:00:00.512Z","recordedAt":"2026-11-21T10:00:00.515Z","seq":1841,"type":"message.submitted"}',
    salt: '8c2f6a1e0d9b4c7a5e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d',
  },
  leafIndex: 1841,
  leafHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  checkpoint: {
    note: 'sigillo.local/ledger\n1842\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n— sigillo.local/ledger Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n',
    verifierKey: 'sigillo.local/ledger+cfb1b2c1+AZ8Jm3p1rTjGDVjYt2Lhxy5Y8sBqQ8aK1b3m0yCq5b8o',
  },
  inclusionProof: ['5feceb66ffc86f38d952786c6d696c79c2dbc239dd4e91b46729d73a27fb57e9', '6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b'],
  anchor: {
    chainId: 31337,
    contract: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
    txHash: '0x3b1c7e2f9a4d6b8c0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f',
    blockNumber: 912,
    treeSize: 1850,
    root: 'd4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f90da3a666eec13ab35',
  },
  consistencyProof: ['4e07408562bedb8b60ce05c1decfe3ad16b72230967de01f640b7e4729b49fce'],
};
