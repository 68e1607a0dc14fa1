import { BadRequestException, PipeTransform } from '@nestjs/common';

/** A ledger position: a decimal integer in [0, 2^53), the range bundles carry as JSON numbers. */
export class SeqPipe implements PipeTransform<string, bigint> {
  transform(value: string): bigint {
    if (!/^(0|[1-9][0-9]{0,15})$/.test(value) || BigInt(value) > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new BadRequestException('seq must be a non-negative integer');
    }
    return BigInt(value);
  }
}
