// The public surface of libs/chain: other libraries and apps import only this file, as '#sigillo/chain'.
// <public surface: other libraries and apps import these; keep sorted by file>
export type { AnchorRecord } from './anchor-records.js';
export type { AnchorTickOutcome } from './anchoring.service.js';
export { ANCHOR_LOCK_KEY, AnchoringService } from './anchoring.service.js';
export { AnchorRepository } from './anchor.repository.js';
export { AnchorStoreModule } from './anchor-store.module.js';
export { AnchoringModule } from './anchoring.module.js';
export { EthersAnchorReader } from './anchor-reader.js';
export { LedgerContractClient } from './ledger-contract.js';
export { NOTIFICATION_LEDGER_ABI } from './notification-ledger-abi.js';
