// Human-readable ethers ABI of contracts/INotificationLedger.sol (plus hasRole
// from AccessControl): what the off-chain code calls or decodes. Kept in step
// with the contract by hand; every error is listed so reverts decode by name.
export const NOTIFICATION_LEDGER_ABI = [
  'function anchor(uint64 treeSize, bytes32 root, bytes32[] consistencyProof)',
  'function latest() view returns (uint64 treeSize, bytes32 root)',
  // An unanchored size either reverts NotAnchored or returns a zero root: both mean "not anchored".
  'function rootAt(uint64 treeSize) view returns (bytes32 root, uint64 anchoredAt)',
  'function checkpointAt(uint64 treeSize) view returns (bytes32 root, uint64 anchoredAt, uint64 previousSize)',
  'function verifyInclusion(uint64 leafIndex, uint64 treeSize, bytes32 leafHash, bytes32[] proof) view returns (bool)',
  'function ANCHORER_ROLE() view returns (bytes32)',
  'function hasRole(bytes32 role, address account) view returns (bool)',
  'event CheckpointAnchored(uint64 indexed treeSize, bytes32 root, uint64 previousSize)',
  'error ZeroAdmin()',
  'error ZeroAnchorer()',
  'error ZeroRoot()',
  'error TreeSizeNotIncreasing(uint64 latest, uint64 proposed)',
  'error InvalidConsistencyProof()',
  'error NotAnchored(uint64 treeSize)',
  'error AccessControlUnauthorizedAccount(address account, bytes32 neededRole)',
] as const;
