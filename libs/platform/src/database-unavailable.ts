// Connection-level failures: the server is down, restarting, refusing or cut us off. Not a bad
// query, a constraint or a bug: retrying later with the same request will work.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EHOSTUNREACH']);
// Prisma: can't reach (P1001), timed out (P1002, P1008), connection closed (P1017), no pool slot (P2024).
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
// Prisma's driver adapter (adapter-pg) names what went wrong on the socket.
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
// SQLSTATE: class 08 (connection exception), admin/crash shutdown, starting up, too many connections.
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[1-3]|53300)$/;
// node-postgres says these without a code. A pool already ended is this process shutting down:
// the request belongs on another replica, so it is as unavailable as a database that is away.
const MESSAGES =
  /Connection terminated|connection error|timeout exceeded when trying to connect|Can't reach database server|Cannot use a pool after calling end on the pool|Code: `(08[0-9A-Z]{3}|57P0[1-3]|53300)`/;

/**
 * True when `error` (from node-postgres or Prisma, however wrapped) means PostgreSQL could not be
 * reached or dropped the connection, rather than refusing the statement itself.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (e: unknown, depth: number): boolean => {
    if (typeof e !== 'object' || e === null || seen.has(e) || depth > 5) return false;
    seen.add(e);
    const x = e as { code?: unknown; originalCode?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    if (typeof x.code === 'string' && (SOCKET_CODES.has(x.code) || PRISMA_CODES.has(x.code) || SQLSTATE.test(x.code))) return true;
    if (typeof x.originalCode === 'string' && SQLSTATE.test(x.originalCode)) return true;
    if (typeof x.kind === 'string' && ADAPTER_KINDS.has(x.kind)) return true;
    if (typeof x.message === 'string' && MESSAGES.test(x.message)) return true;
    return visit(x.cause, depth + 1) || visit(x.meta?.driverAdapterError, depth + 1);
  };
  return visit(error, 0);
}
