import { ApiProperty } from '@nestjs/swagger';
import { PROOF_BUNDLE_EXAMPLE } from './proof-bundle.schema.js';

class StorySubject {
  @ApiProperty({ type: 'string', enum: ['message', 'event'], example: 'message' })
  kind: string;

  @ApiProperty({
    type: 'string',
    description: 'The wamid or the Passweb event id asked for',
    example: 'wamid.HBgMMzkzMzMwMDAwMDAxFQIAERgSQ0E5RDg3QjU0MjFGNjQ4QUE2AA==',
  })
  id: string;
}

class StoryEntry {
  @ApiProperty({ type: 'integer', example: 1838 })
  seq: number;

  @ApiProperty({ type: 'string', description: 'RFC 8785 canonical JSON of {seq, type, occurredAt, recordedAt, body}' })
  canonical: string;

  @ApiProperty({ type: 'string', description: '32-byte salt, hex' })
  salt: string;

  @ApiProperty({ type: 'string', description: 'SHA-256(0x00 || salt || canonical), hex' })
  leafHash: string;

  @ApiProperty({ type: [String], description: "Inclusion proof of the entry in the checkpoint's tree (hex hashes)" })
  inclusionProof: string[];
}

/** sigillo.story-bundle.v1: docs/proof-bundle.md */
export class StoryBundleSchema {
  @ApiProperty({ type: 'string', enum: ['sigillo.story-bundle.v1'] })
  format: string;

  @ApiProperty({ type: () => StorySubject })
  subject: StorySubject;

  @ApiProperty({
    type: 'object',
    description: 'The one signed checkpoint every entry is proved in: { note, verifierKey }',
    additionalProperties: { type: 'string' },
  })
  checkpoint: Record<string, string>;

  @ApiProperty({
    type: 'object',
    description: 'The anchor covering it: { chainId, contract, txHash, blockNumber, treeSize, root }',
    additionalProperties: true,
  })
  anchor: Record<string, unknown>;

  @ApiProperty({ type: [String], description: "From the checkpoint's size to anchor.treeSize; [] when equal" })
  consistencyProof: string[];

  @ApiProperty({
    type: () => [StoryEntry],
    description:
      'In ledger order: event.received, notification.decided, the consent.changed it relied on, message.submitted or message.failed, every message.status',
  })
  entries: StoryEntry[];
}

const entry = (seq: number, type: string, body: object) => ({
  seq,
  canonical: JSON.stringify({ body, occurredAt: '2026-11-21T10:00:00.000Z', recordedAt: '2026-11-21T10:00:00.004Z', seq, type }),
  salt: '8c2f6a1e0d9b4c7a5e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d',
  leafHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  inclusionProof: ['5feceb66ffc86f38d952786c6d696c79c2dbc239dd4e91b46729d73a27fb57e9'],
});

export const STORY_BUNDLE_EXAMPLE = {
  format: 'sigillo.story-bundle.v1',
  subject: { kind: 'event', id: 'ord-10023-shipped' },
  checkpoint: PROOF_BUNDLE_EXAMPLE.checkpoint,
  anchor: PROOF_BUNDLE_EXAMPLE.anchor,
  consistencyProof: PROOF_BUNDLE_EXAMPLE.consistencyProof,
  entries: [
    entry(1838, 'event.received', { eventId: 'ord-10023-shipped', eventType: 'order.status_changed' }),
    entry(1839, 'notification.decided', { eventId: 'ord-10023-shipped', decision: 'SEND' }),
    entry(1841, 'message.submitted', { eventId: 'ord-10023-shipped', wamid: 'wamid.HBgM…' }),
    entry(1843, 'message.status', { wamid: 'wamid.HBgM…', status: 'delivered' }),
  ],
};
