import { HttpException, HttpStatus } from '@nestjs/common';

export type PendingStage = 'sequencing' | 'checkpoint' | 'anchoring';

/** Not an error: the entry exists but is not anchored yet. Answered 202 with Retry-After. */
export class ProofPendingException extends HttpException {
  constructor(
    readonly seq: bigint,
    readonly stage: PendingStage,
    readonly retryAfterSeconds: number,
  ) {
    super(
      { status: 'pending', seq: Number(seq), stage, retryAfterSeconds, message: `entry ${seq} is not anchored yet (${stage})` },
      HttpStatus.ACCEPTED,
    );
  }
}
