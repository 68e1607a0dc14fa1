// The public surface of libs/platform: other libraries and apps import only this file, as '#sigillo/platform'.
// <public surface: other libraries and apps import these; keep sorted by file>
export type { PrismaTx } from './prisma-tx.js';
export type { Refusal, ShutdownPhase } from './shutdown/shutdown-plan.js';
export { ANCHORING_QUEUE, MAINTENANCE_QUEUE } from './worker-queues.js';
export { ApiConfig, BaseConfig, ConfigError, DatabaseConfig, loadConfig, loadConfigOrExit, WorkerConfig } from './config.js';
export { CLOSE_ALLOWANCE_MS, exitDeadlineMs, gaveUpLine, nextPhase, requestAnswer } from './shutdown/shutdown-plan.js';
export { GroupCommit } from './group-commit.js';
export { PgPool } from './pg-pool.service.js';
export { PlatformModule } from './platform.module.js';
export { PollLoop } from './poll-loop.js';
export { PrismaClient } from './generated/prisma/client.js';
export { PrismaService } from './prisma.service.js';
export { RedisModule } from './redis.module.js';
export { RedisService } from './redis.service.js';
export { exitIfShutdownOutlasts, noteShutdownStage } from './shutdown/exit-deadline.js';
export { isDatabaseUnavailable } from './database-unavailable.js';
export { packageBin, repoRoot } from './repo-root.js';
export { redisConnection } from './redis-connection.js';
export { waitBounded } from './shutdown/bounded-wait.js';
export { within } from './within.js';
