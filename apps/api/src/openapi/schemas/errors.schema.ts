import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ErrorResponse {
  @ApiProperty({ type: 'integer', example: 404 })
  statusCode: number;

  @ApiPropertyOptional({ type: 'string', example: 'Not Found' })
  error?: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    description: 'One line, or one line per offending field',
    example: 'tenant not found',
  })
  message: string | string[];
}

export class FieldError {
  @ApiProperty({ type: 'string', description: 'Path of the offending field', example: 'recipient.phone' })
  field: string;

  @ApiProperty({ type: 'string', description: 'The rule it breaks; never its value', example: 'is not a valid number for its country' })
  message: string;
}

/** 400 and 422 with one entry per offending field. */
export class ValidationErrorResponse extends ErrorResponse {
  @ApiProperty({ type: () => [FieldError] })
  errors: FieldError[];

  @ApiPropertyOptional({ type: [String], description: 'With an unknown or missing event type: the valid ones' })
  validTypes?: string[];
}

/** 202 from a proof endpoint: the entry exists but is not anchored yet (Retry-After set). */
export class ProofPendingResponse {
  @ApiProperty({ type: 'string', enum: ['pending'] })
  status: 'pending';

  @ApiProperty({ type: 'integer', example: 1841 })
  seq: number;

  @ApiProperty({ type: 'string', enum: ['sequencing', 'checkpoint', 'anchoring'], example: 'anchoring' })
  stage: string;

  @ApiProperty({ type: 'integer', example: 5 })
  retryAfterSeconds: number;

  @ApiProperty({ type: 'string', example: 'entry 1841 is not anchored yet (anchoring)' })
  message: string;
}

export const ERASED_ENTRY_EXAMPLE = {
  statusCode: 410,
  error: 'Gone',
  message:
    "entry 1841 was erased on 2026-11-22T08:00:00.000Z (recorded by the subject.erased entry at seq 2210): its content and salt are deleted, so no proof bundle can open it; its leaf stays in the log and every other entry's proof still verifies",
  seq: 1841,
  erasedAt: '2026-11-22T08:00:00.000Z',
  erasedBySeq: 2210,
};

/** 410 from a proof endpoint: the entry was erased (crypto-shredded). */
export class ErasedEntryResponse extends ErrorResponse {
  @ApiProperty({ type: 'integer', example: 1841 })
  seq: number;

  @ApiProperty({ type: 'string', nullable: true, example: '2026-11-21T10:15:00.000Z' })
  erasedAt: string | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 2210 })
  erasedBySeq: number | null;
}

export const ERASED_STORY_EXAMPLE = {
  statusCode: 410,
  error: 'Gone',
  message:
    "the story of event ord-1042-shipped was erased on 2026-11-22T08:00:00.000Z (recorded by the subject.erased entry at seq 2210): the content and salt of its entries are deleted, so no proof bundle can open them; their leaves stay in the log and every other entry's proof still verifies",
  erasedAt: '2026-11-22T08:00:00.000Z',
  erasedBySeq: 2210,
};

/** 410 from a story proof endpoint: the message's or event's subject was erased. */
export class ErasedStoryResponse extends ErrorResponse {
  @ApiProperty({ type: 'string', nullable: true, description: 'Null for an erasure older than the link from the event', example: '2026-11-22T08:00:00.000Z' })
  erasedAt: string | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The subject.erased entry recording the erasure (its bundle proves it)', example: 2210 })
  erasedBySeq: number | null;
}
