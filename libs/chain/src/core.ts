// The browser-safe surface of libs/chain: pure code only (no Nest, pg, Redis or node-only modules),
// bundled into the audit page and the console.
// <public surface: other libraries and apps import these; keep sorted by file>
export { NOTIFICATION_LEDGER_ABI } from './notification-ledger-abi.js';
