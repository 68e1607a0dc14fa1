import { HttpException, HttpStatus } from '@nestjs/common';

export type PendingStage = 'sequencing' | 'checkpoint' | 'anchoring';

/** Not an error: the entry (or a story's entries) exists but is not anchored yet. Answered 202 with Retry-After. */
export class ProofPendingException extends HttpException {
  constructor(
    /** The entry waited for; null for a story whose entries are not all sequenced yet. */
    readonly seq: bigint | null,
    readonly stage: PendingStage,
    readonly retryAfterSeconds: number,
  ) {
    super(
      {
        status: 'pending',
        seq: seq === null ? null : Number(seq),
        stage,
        retryAfterSeconds,
        message: `${seq === null ? 'the entries are' : `entry ${seq} is`} not anchored yet (${stage})`,
      },
      HttpStatus.ACCEPTED,
    );
  }
}
