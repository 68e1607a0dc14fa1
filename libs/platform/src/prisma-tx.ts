import type { PrismaService } from './prisma.service.js';

/** The client inside `prisma.$transaction(async (tx) => …)`; only repositories pass it around. */
export type PrismaTx = Parameters<Parameters<PrismaService['$transaction']>[0]>[0];
