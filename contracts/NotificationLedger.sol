// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

import {INotificationLedger} from "./INotificationLedger.sol";

/**
 * @title NotificationLedger
 * @notice Append-only anchor of RFC 9162 Merkle-log checkpoints. See {INotificationLedger}.
 *
 * Storage layout (besides AccessControl's `_roles`), chosen so that `anchor` writes
 * exactly two fresh slots and rewrites one warm slot:
 * - `_checkpoints[treeSize]`: slot 0 = root; slot 1 = anchoredAt (uint64) | previousSize (uint64)
 * - `_latestSize`: the latest anchored size (read anyway by `anchor`, so already warm when rewritten).
 * The latest root is not duplicated: it is read back from `_checkpoints[_latestSize]`.
 *
 * Gas of `anchor` (after the first one): 2 x 22,100 for the fresh slots, 2,900 to rewrite
 * `_latestSize`, 3 x 2,100 for the cold reads (role, `_latestSize`, previous root) and 1,637 for
 * the event make most of a ~78k fixed cost (including the 21k transaction base); each proof
 * hash then adds ~740 (512 of calldata) and each SHA-256 evaluation ~240. A 10,000-entry
 * anchor typically carries 12-19 hashes: ~91-99k gas, i.e. about 9-10 gas per entry.
 */
contract NotificationLedger is INotificationLedger, AccessControl {
    /// @dev A checkpoint as stored: two storage slots.
    struct Checkpoint {
        // Slot 0.
        bytes32 root;
        // Slot 1 (packed). anchoredAt != 0 marks an anchored size (block timestamps are never 0).
        uint64 anchoredAt;
        uint64 previousSize;
    }

    /// @inheritdoc INotificationLedger
    bytes32 public constant override ANCHORER_ROLE = keccak256("ANCHORER_ROLE");

    mapping(uint64 treeSize => Checkpoint checkpoint) private _checkpoints;

    uint64 private _latestSize;

    /**
     * @param admin Receives DEFAULT_ADMIN_ROLE (grants and revokes ANCHORER_ROLE).
     * @param anchorer Receives ANCHORER_ROLE.
     */
    constructor(address admin, address anchorer) {
        if (admin == address(0)) revert ZeroAdmin();
        if (anchorer == address(0)) revert ZeroAnchorer();

        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(ANCHORER_ROLE, anchorer);
    }

    /// @inheritdoc INotificationLedger
    function anchor(uint64 treeSize, bytes32 root, bytes32[] calldata consistencyProof)
        external
        onlyRole(ANCHORER_ROLE)
    {
        if (root == bytes32(0)) revert ZeroRoot();

        uint64 previousSize = _latestSize;
        // Also refuses treeSize == 0, since previousSize >= 0.
        if (treeSize <= previousSize) revert TreeSizeNotIncreasing(previousSize, treeSize);

        if (previousSize == 0) {
            // First checkpoint: nothing to be consistent with; a proof means a confused client.
            if (consistencyProof.length != 0) revert InvalidConsistencyProof();
        } else if (
            !_verifyConsistency(previousSize, treeSize, _checkpoints[previousSize].root, root, consistencyProof)
        ) {
            revert InvalidConsistencyProof();
        }

        // Two fresh slots (root; anchoredAt|previousSize, written as one packed word).
        _checkpoints[treeSize] =
            Checkpoint({root: root, anchoredAt: uint64(block.timestamp), previousSize: previousSize});
        _latestSize = treeSize;

        emit CheckpointAnchored(treeSize, root, previousSize);
    }

    /// @inheritdoc INotificationLedger
    function latest() external view returns (uint64 treeSize, bytes32 root) {
        treeSize = _latestSize;
        root = _checkpoints[treeSize].root; // (0, 0) before the first anchor.
    }

    /// @inheritdoc INotificationLedger
    function rootAt(uint64 treeSize) external view returns (bytes32 root, uint64 anchoredAt) {
        Checkpoint storage checkpoint = _anchoredCheckpoint(treeSize);
        return (checkpoint.root, checkpoint.anchoredAt);
    }

    /// @inheritdoc INotificationLedger
    function checkpointAt(uint64 treeSize)
        external
        view
        returns (bytes32 root, uint64 anchoredAt, uint64 previousSize)
    {
        Checkpoint storage checkpoint = _anchoredCheckpoint(treeSize);
        return (checkpoint.root, checkpoint.anchoredAt, checkpoint.previousSize);
    }

    /// @inheritdoc INotificationLedger
    function verifyInclusion(uint64 leafIndex, uint64 treeSize, bytes32 leafHash, bytes32[] calldata proof)
        external
        view
        returns (bool)
    {
        // RFC 9162 §2.1.3.2, step 1: fail if leaf_index >= tree_size (also covers tree_size 0).
        if (leafIndex >= treeSize) return false;

        Checkpoint storage checkpoint = _checkpoints[treeSize];
        if (checkpoint.anchoredAt == 0) return false; // never anchored

        // Step 2: fn = leaf_index, sn = tree_size - 1, r = hash.
        uint256 fn = leafIndex;
        uint256 sn = uint256(treeSize) - 1;
        bytes32 r = leafHash;

        // Step 3: for each value p in the inclusion_path array.
        uint256 length = proof.length;
        for (uint256 i = 0; i < length; ++i) {
            // a. If sn is 0, then stop the iteration and fail the proof verification.
            if (sn == 0) return false;
            bytes32 p = proof[i];
            // b. If LSB(fn) is set, or if fn is equal to sn, then:
            if (fn & 1 == 1 || fn == sn) {
                // i. Set r to HASH(0x01 || p || r).
                r = _hashNode(p, r);
                // ii. If LSB(fn) is not set, then right-shift both fn and sn equally
                //     until either LSB(fn) is set or fn is 0.
                if (fn & 1 == 0) {
                    while (fn & 1 == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                // Otherwise: set r to HASH(0x01 || r || p).
                r = _hashNode(r, p);
            }
            // c. Finally, right-shift both fn and sn one time.
            fn >>= 1;
            sn >>= 1;
        }

        // Step 4: compare sn to 0 and r against the root hash.
        return sn == 0 && r == checkpoint.root;
    }

    /// @inheritdoc AccessControl
    function supportsInterface(bytes4 interfaceId) public view virtual override returns (bool) {
        return interfaceId == type(INotificationLedger).interfaceId || super.supportsInterface(interfaceId);
    }

    /// @dev The stored checkpoint for `treeSize`; reverts with {NotAnchored} if there is none.
    function _anchoredCheckpoint(uint64 treeSize) private view returns (Checkpoint storage checkpoint) {
        checkpoint = _checkpoints[treeSize];
        if (checkpoint.anchoredAt == 0) revert NotAnchored(treeSize);
    }

    /**
     * @dev RFC 9162 §2.1.4.2: true iff `proof` proves that the tree (`second`, `secondHash`)
     * extends the tree (`first`, `firstHash`). The caller guarantees 0 < first < second, so
     * step 1 of the RFC (first == second) cannot occur here.
     *
     * This is the one hot loop of {anchor}, so it is written in assembly: a Solidity version
     * of the same steps (like {verifyInclusion}) spends more gas on stack shuffling, bounds
     * checks and internal calls than on the SHA-256 precompile itself. It follows the RFC
     * step by step; `fn`/`sn` are the RFC's variables, `fr`/`sr` its running hashes. The proof
     * is read straight from calldata and never copied. Each node hash is SHA-256(0x01 || l || r)
     * computed by the precompile at address 0x02 from a 65-byte buffer placed just past the
     * free memory pointer (not bumped: nothing is allocated while it is in use) whose first
     * byte is the 0x01 prefix, with the digest returned through scratch space at 0x00.
     */
    function _verifyConsistency(
        uint256 first,
        uint256 second,
        bytes32 firstHash,
        bytes32 secondHash,
        bytes32[] calldata proof
    ) private view returns (bool valid) {
        assembly ("memory-safe") {
            let p := proof.offset // calldata position of the next proof element
            let end := add(p, shl(5, proof.length))

            // Step 2: if consistency_path is an empty array, fail (valid stays false).
            if proof.length {
                // Step 3: if first is an exact power of 2, prepend first_hash to the path.
                // Step 6 (hoisted): fr and sr start as the path's first element. So: with a
                // power of 2 that element is first_hash itself and iteration starts at proof[0];
                // otherwise it is proof[0] and iteration starts at proof[1].
                let fr := firstHash
                if and(first, sub(first, 1)) {
                    fr := calldataload(p)
                    p := add(p, 0x20)
                }
                let sr := fr

                // Step 4: fn = first - 1, sn = second - 1.
                let fn := sub(first, 1)
                let sn := sub(second, 1)

                // Step 5: if LSB(fn) is set, right-shift fn and sn equally until it is not.
                for {} and(fn, 1) {} {
                    fn := shr(1, fn)
                    sn := shr(1, sn)
                }

                let buf := mload(0x40)
                mstore8(buf, 0x01) // node prefix; buf+0x01: left child, buf+0x21: right child
                let callsOk := 1
                let failed := 0

                // Step 7: for each subsequent value c in the path.
                for {} lt(p, end) { p := add(p, 0x20) } {
                    // 7a: if sn is 0, stop the iteration and fail.
                    if iszero(sn) {
                        failed := 1
                        break
                    }
                    let c := calldataload(p)
                    switch or(and(fn, 1), eq(fn, sn))
                    case 0 {
                        // 7b, otherwise: sr = HASH(0x01 || sr || c).
                        mstore(add(buf, 0x01), sr)
                        mstore(add(buf, 0x21), c)
                        callsOk := and(callsOk, staticcall(gas(), 0x02, buf, 0x41, 0x00, 0x20))
                        sr := mload(0x00)
                    }
                    default {
                        // 7b.i (LSB(fn) set or fn == sn): fr = HASH(0x01 || c || fr),
                        // sr = HASH(0x01 || c || sr).
                        mstore(add(buf, 0x01), c)
                        mstore(add(buf, 0x21), fr)
                        callsOk := and(callsOk, staticcall(gas(), 0x02, buf, 0x41, 0x00, 0x20))
                        fr := mload(0x00)
                        mstore(add(buf, 0x21), sr)
                        callsOk := and(callsOk, staticcall(gas(), 0x02, buf, 0x41, 0x00, 0x20))
                        sr := mload(0x00)
                        // 7b.ii: if LSB(fn) is not set, right-shift fn and sn equally until
                        // either LSB(fn) is set or fn is 0 (no-op when LSB(fn) is set).
                        for {} and(iszero(and(fn, 1)), iszero(iszero(fn))) {} {
                            fn := shr(1, fn)
                            sn := shr(1, sn)
                        }
                    }
                    // 7c: finally, right-shift both fn and sn one time.
                    fn := shr(1, fn)
                    sn := shr(1, sn)
                }

                // The precompile only fails when out of gas: never turn that into a verdict.
                if iszero(callsOk) { revert(0, 0) }

                // Step 8: verify fr == first_hash, sr == second_hash and sn == 0.
                valid := and(iszero(failed), and(iszero(sn), and(eq(fr, firstHash), eq(sr, secondHash))))
            }
        }
    }

    /**
     * @dev RFC 9162 interior node hash SHA-256(0x01 || left || right), computed with the
     * SHA-256 precompile (address 0x02) directly instead of `sha256(abi.encodePacked(...))`,
     * which would allocate (and expand) fresh memory for every node of every proof.
     * The 65-byte preimage is written as temporary data just past the free memory pointer,
     * which is not bumped (nothing else is allocated meanwhile, so this is memory-safe),
     * and the 32-byte digest is returned through the scratch space at 0x00.
     */
    function _hashNode(bytes32 left, bytes32 right) private view returns (bytes32 digest) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore8(ptr, 0x01) // node prefix
            mstore(add(ptr, 0x01), left)
            mstore(add(ptr, 0x21), right)
            // The precompile only fails when out of gas; bubble that up as a plain revert.
            if iszero(staticcall(gas(), 0x02, ptr, 0x41, 0x00, 0x20)) { revert(0, 0) }
            digest := mload(0x00)
        }
    }
}
