import type { INestApplicationContext } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { DiscoveryService } from '@nestjs/core';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

/**
 * For an app whose close() hung: closes by force the Redis connections it holds (BullMQ workers
 * without waiting for their jobs, queues, plain clients), which would otherwise keep jest from
 * exiting. Its database sessions are ended separately (TestDatabase.endSessions). Returns what it
 * closed, for the line saying so.
 */
export async function forceRelease(app: INestApplicationContext): Promise<string[]> {
  let discovery: DiscoveryService;
  try {
    // Registered by BullModule, which both the api and the worker import.
    discovery = app.get(DiscoveryService, { strict: false });
  } catch {
    return [];
  }
  const closing: Promise<string>[] = [];
  for (const { instance, name } of discovery.getProviders()) {
    if (instance instanceof WorkerHost) {
      closing.push(Promise.resolve().then(async () => (await instance.worker.close(true), `BullMQ worker of ${String(name)}`)));
    } else if (instance instanceof Queue) {
      closing.push(instance.disconnect().then(() => `queue ${instance.name}`));
    } else if (instance instanceof Redis) {
      instance.disconnect();
      closing.push(Promise.resolve(`Redis client ${String(name)}`));
    }
  }
  const settled = await Promise.allSettled(closing);
  return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
}
