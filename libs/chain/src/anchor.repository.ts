import { Injectable } from '@nestjs/common';
import { PrismaService } from '#sigillo/platform';
import type { AnchorRecord, NewAnchor } from './anchor-records.js';

type AnchorRow = Omit<AnchorRecord, 'root'> & { root: Uint8Array };

@Injectable()
export class AnchorRepository {
  constructor(private readonly prisma: PrismaService) {}

  async insertSubmitted(anchor: NewAnchor): Promise<AnchorRecord> {
    const row = await this.prisma.anchor.create({
      data: { ...anchor, contract: anchor.contract.toLowerCase(), root: Buffer.from(anchor.root), status: 'SUBMITTED' },
    });
    return toRecord(row);
  }

  async findSubmitted(chainId: bigint, contract: string): Promise<AnchorRecord | null> {
    const row = await this.prisma.anchor.findFirst({
      where: { chainId, contract: contract.toLowerCase(), status: 'SUBMITTED' },
      orderBy: { id: 'desc' },
    });
    return row ? toRecord(row) : null;
  }

  /** Records an anchor found on chain that we have no row for. */
  async insertConfirmed(anchor: NewAnchor & { blockNumber: bigint; gasUsed: bigint | null }): Promise<void> {
    await this.prisma.anchor.create({
      data: { ...anchor, contract: anchor.contract.toLowerCase(), root: Buffer.from(anchor.root), status: 'CONFIRMED', confirmedAt: new Date() },
    });
  }

  async hasConfirmed(contract: string, treeSize: bigint): Promise<boolean> {
    return (await this.prisma.anchor.count({ where: { contract: contract.toLowerCase(), status: 'CONFIRMED', treeSize } })) > 0;
  }

  async markConfirmed(id: bigint, blockNumber: bigint, gasUsed: bigint): Promise<void> {
    await this.prisma.anchor.update({ where: { id }, data: { status: 'CONFIRMED', blockNumber, gasUsed, confirmedAt: new Date() } });
  }

  async markOrphaned(id: bigint): Promise<void> {
    await this.prisma.anchor.update({ where: { id }, data: { status: 'ORPHANED' } });
  }

  /** After a reorg the chain's latest size went back: anchors above it are no longer on chain. */
  async orphanConfirmedAbove(chainId: bigint, contract: string, treeSize: bigint): Promise<number> {
    const { count } = await this.prisma.anchor.updateMany({
      where: { chainId, contract: contract.toLowerCase(), status: 'CONFIRMED', treeSize: { gt: treeSize } },
      data: { status: 'ORPHANED' },
    });
    return count;
  }

  /** The earliest confirmed anchor on `contract` covering a tree of at least `treeSize` leaves. */
  async firstConfirmedAtLeast(contract: string, treeSize: bigint): Promise<AnchorRecord | null> {
    const row = await this.prisma.anchor.findFirst({
      where: { contract: contract.toLowerCase(), status: 'CONFIRMED', treeSize: { gte: treeSize } },
      orderBy: { treeSize: 'asc' },
    });
    return row ? toRecord(row) : null;
  }
}

function toRecord(row: AnchorRow): AnchorRecord {
  return { ...row, root: new Uint8Array(row.root) };
}
