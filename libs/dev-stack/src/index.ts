// The public surface of libs/dev-stack: other libraries and apps import only this file, as '#sigillo/dev-stack'.
// <public surface: other libraries and apps import these; keep sorted by file>
export { checkPostgres, checkRedis } from './stack-checks.js';
export { deployNotificationLedger, notificationLedgerArtifactPath } from './deploy.js';
export { dropDatabase, ensureDatabase, migrateDatabase, redactUrl } from './database-setup.js';
export { hardhatAccounts, hardhatNodeErrorFilter, PortInUseError, startHardhatNode } from './local-node.js';
