// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/**
 * @title EntryEvents
 * @notice Benchmark baseline only (`npm run bench`), never deployed by Sigillo: the cheapest way to
 * put every entry on chain without a Merkle log, one log event per entry hash. Nothing is stored,
 * so nothing on chain can check that the entries form one append-only history.
 */
contract EntryEvents {
    event EntryRecorded(bytes32 entryHash);

    /// One transaction per entry: what a naive "emit per record" integration pays.
    function record(bytes32 entryHash) external {
        emit EntryRecorded(entryHash);
    }

    /// Many entries per transaction: the per-entry cost of the event alone plus its calldata.
    function recordBatch(bytes32[] calldata entryHashes) external {
        for (uint256 i = 0; i < entryHashes.length; ++i) {
            emit EntryRecorded(entryHashes[i]);
        }
    }
}
