// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/**
 * @title INotificationLedger
 * @notice On-chain anchor for the checkpoints of Sigillo's append-only notification
 * log, an RFC 9162 (Certificate Transparency v2) Merkle tree whose leaves are the
 * WhatsApp notifications sent on behalf of Passweb.
 *
 * A checkpoint is a pair (tree size, root hash). The contract keeps every anchored
 * checkpoint, with the block timestamp at which it was anchored, and lets anyone
 * check an RFC 9162 inclusion proof against any anchored root.
 *
 * THE CHAIN ITSELF REFUSES ANY REWRITE OF HISTORY, EVEN BY THE HOLDER OF THE
 * ANCHORING KEY: a new checkpoint is only accepted if its tree is strictly larger
 * than the last anchored one AND it comes with an RFC 9162 §2.1.4 consistency
 * proof showing that the new tree is an append-only extension of the previous one
 * (the previous tree is, leaf for leaf, a prefix of the new one). A leaked or
 * malicious anchoring key can therefore only *add* entries to the log; it can
 * never remove, reorder or alter an entry covered by an earlier checkpoint, nor
 * replace an anchored root. Anchored checkpoints are never modified or deleted.
 *
 * The only trust-on-first-use point is the very first checkpoint, which has no
 * predecessor and therefore needs (and accepts) no consistency proof.
 *
 * Hashing follows RFC 9162 §2.1.1 with SHA-256 (the `sha256` precompile):
 *   leaf hash = SHA-256(0x00 || leaf), node hash = SHA-256(0x01 || left || right).
 * The contract never sees leaves, only 32-byte hashes.
 */
interface INotificationLedger {
    /**
     * @notice The admin address given to the constructor is the zero address.
     */
    error ZeroAdmin();

    /**
     * @notice The anchorer address given to the constructor is the zero address.
     */
    error ZeroAnchorer();

    /**
     * @notice The proposed root is zero. No RFC 9162 tree has a zero root, and a zero
     * first checkpoint could never be extended, so it is refused outright.
     */
    error ZeroRoot();

    /**
     * @notice The proposed tree size is not strictly larger than the latest anchored one.
     * A tree size of 0 is always refused this way (latest is 0 before the first anchor).
     * @param latest The latest anchored tree size (0 if nothing is anchored yet).
     * @param proposed The tree size that was proposed.
     */
    error TreeSizeNotIncreasing(uint64 latest, uint64 proposed);

    /**
     * @notice The consistency proof does not prove that the proposed tree extends the
     * latest anchored one (RFC 9162 §2.1.4.2), or a non-empty proof was given for the
     * first checkpoint.
     */
    error InvalidConsistencyProof();

    /**
     * @notice No checkpoint was ever anchored for this tree size.
     * @param treeSize The queried tree size.
     */
    error NotAnchored(uint64 treeSize);

    /**
     * @notice Emitted when a checkpoint is anchored.
     * @param treeSize The number of leaves of the anchored tree.
     * @param root The RFC 9162 root hash of the anchored tree.
     * @param previousSize The tree size of the checkpoint it extends (0 for the first one).
     */
    event CheckpointAnchored(uint64 indexed treeSize, bytes32 root, uint64 previousSize);

    /**
     * @notice The role allowed to anchor checkpoints: keccak256("ANCHORER_ROLE").
     */
    // solhint-disable-next-line func-name-mixedcase
    function ANCHORER_ROLE() external view returns (bytes32);

    /**
     * @notice Anchors the checkpoint (`treeSize`, `root`).
     *
     * Requirements:
     * - the caller has `ANCHORER_ROLE`;
     * - `root` is not zero ({ZeroRoot});
     * - `treeSize` is strictly larger than the latest anchored size ({TreeSizeNotIncreasing});
     *   in particular `treeSize` 0 is refused;
     * - if a checkpoint was already anchored, `consistencyProof` is a valid RFC 9162
     *   §2.1.4 consistency proof from the latest anchored (size, root) to (`treeSize`,
     *   `root`) ({InvalidConsistencyProof});
     * - for the first checkpoint, `consistencyProof` must be empty: a non-empty proof is
     *   rejected with {InvalidConsistencyProof} rather than silently ignored, since it
     *   reveals a client that believes a previous checkpoint exists.
     *
     * Emits a {CheckpointAnchored} event.
     *
     * @param treeSize The number of leaves of the new tree.
     * @param root The RFC 9162 root hash of the new tree.
     * @param consistencyProof The RFC 9162 consistency proof (PROOF(m, D[n]) with m the
     * latest anchored size and n = `treeSize`), in the order given by RFC 9162 §2.1.4.1.
     */
    function anchor(uint64 treeSize, bytes32 root, bytes32[] calldata consistencyProof) external;

    /**
     * @notice The latest anchored checkpoint; (0, 0) if nothing was anchored yet.
     * @return treeSize The latest anchored tree size.
     * @return root Its root hash.
     */
    function latest() external view returns (uint64 treeSize, bytes32 root);

    /**
     * @notice The root anchored for `treeSize` and when it was anchored.
     * @dev Reverts with {NotAnchored} if no checkpoint was anchored for `treeSize`
     * (it never returns a zero root).
     * @param treeSize An anchored tree size.
     * @return root The anchored root hash.
     * @return anchoredAt The `block.timestamp` of the anchoring block.
     */
    function rootAt(uint64 treeSize) external view returns (bytes32 root, uint64 anchoredAt);

    /**
     * @notice The full checkpoint anchored for `treeSize`, including the size of the
     * checkpoint it extends, so that the whole chain of checkpoints can be walked back
     * from {latest} using contract storage alone.
     * @dev Reverts with {NotAnchored} if no checkpoint was anchored for `treeSize`.
     * @param treeSize An anchored tree size.
     * @return root The anchored root hash.
     * @return anchoredAt The `block.timestamp` of the anchoring block.
     * @return previousSize The previous anchored tree size (0 for the first checkpoint).
     */
    function checkpointAt(uint64 treeSize)
        external
        view
        returns (bytes32 root, uint64 anchoredAt, uint64 previousSize);

    /**
     * @notice Verifies an RFC 9162 §2.1.3.2 inclusion proof of the leaf hash `leafHash`
     * at index `leafIndex` against the root anchored for `treeSize`.
     * @dev Never reverts: returns false for an invalid proof, `leafIndex` >= `treeSize`,
     * or a `treeSize` that was never anchored.
     * @param leafIndex The 0-based index of the leaf.
     * @param treeSize An anchored tree size.
     * @param leafHash The leaf hash, SHA-256(0x00 || leaf).
     * @param proof The audit path, from the leaf level up.
     * @return True if and only if the proof is valid against the anchored root.
     */
    function verifyInclusion(uint64 leafIndex, uint64 treeSize, bytes32 leafHash, bytes32[] calldata proof)
        external
        view
        returns (bool);
}
