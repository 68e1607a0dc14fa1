import { ApiProperty } from '@nestjs/swagger';

export class ErasureAnswerSchema {
  @ApiProperty({ type: 'integer', description: 'Ledger entries crypto-shredded now (0 when nothing was left)', example: 6 })
  erasedEntries: number;

  @ApiProperty({ type: 'integer', nullable: true, example: 1838 })
  firstSeq: number | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 1845 })
  lastSeq: number | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Rows changed outside the ledger, per table' })
  redactedRows: Record<string, number>;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The subject.erased entry recording this erasure', example: 2210 })
  subjectErasedSeq: number | null;

  @ApiProperty({ type: 'string', nullable: true, example: '/v1/ledger/entries/2210/proof' })
  proof: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Given once, kept nowhere: lets the data subject show the subject.erased entry is theirs' })
  receipt: string | null;
}

export const ERASURE_EXAMPLE = {
  erasedEntries: 6,
  firstSeq: 1838,
  lastSeq: 1845,
  redactedRows: { events: 3, notifications: 3, cancelledSends: 0, consents: 1, messageStatuses: 6, inboundMessages: 1, customerWindows: 1, webhookPayloads: 4 },
  subjectErasedSeq: 2210,
  proof: '/v1/ledger/entries/2210/proof',
  receipt: 'c2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1',
};
