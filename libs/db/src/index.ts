// The typed SQL layer (see docs/sql-layer.md): named-parameter statements over the pg pool, one
// transaction helper, table row types generated from prisma/schema.prisma.
export { sql, statement, verbatim, Statement, SqlFragment, compile, type Param, type Params, type Queryable } from './sql.js';
export { withTransaction, Transaction, type TransactionOptions } from './transaction.js';
export { DedicatedSession } from './session.js';
export type { Row, Column, DB } from './tables.js';
// <public surface: other libraries and apps import these; keep sorted by file>
export { SessionLock } from './session-lock.js';
