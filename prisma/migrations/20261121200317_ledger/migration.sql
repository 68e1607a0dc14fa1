-- CreateEnum
CREATE TYPE "anchor_status" AS ENUM ('SUBMITTED', 'CONFIRMED', 'ORPHANED');

-- CreateEnum
CREATE TYPE "api_role" AS ENUM ('passweb', 'auditor', 'admin');

-- CreateTable
CREATE TABLE "ledger_entries" (
    "id" BIGSERIAL NOT NULL,
    "seq" BIGINT,
    "type" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "body" JSONB NOT NULL,
    "salt" BYTEA NOT NULL,
    "leaf_hash" BYTEA,
    "sequenced_at" TIMESTAMPTZ(3),

    CONSTRAINT "ledger_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "merkle_nodes" (
    "level" SMALLINT NOT NULL,
    "idx" BIGINT NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "merkle_nodes_pkey" PRIMARY KEY ("level","idx")
);

-- CreateTable
CREATE TABLE "checkpoints" (
    "tree_size" BIGINT NOT NULL,
    "root" BYTEA NOT NULL,
    "origin" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "verifier_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "checkpoints_pkey" PRIMARY KEY ("tree_size")
);

-- CreateTable
CREATE TABLE "anchors" (
    "id" BIGSERIAL NOT NULL,
    "chain_id" BIGINT NOT NULL,
    "contract" TEXT NOT NULL,
    "tree_size" BIGINT NOT NULL,
    "root" BYTEA NOT NULL,
    "previous_size" BIGINT NOT NULL,
    "tx_hash" TEXT NOT NULL,
    "status" "anchor_status" NOT NULL,
    "block_number" BIGINT,
    "gas_used" BIGINT,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmed_at" TIMESTAMPTZ(3),

    CONSTRAINT "anchors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "role" "api_role" NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "key_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ledger_entries_seq_key" ON "ledger_entries"("seq");

-- CreateIndex
CREATE INDEX "anchors_tx_hash_idx" ON "anchors"("tx_hash");

-- CreateIndex
CREATE INDEX "anchors_chain_id_contract_status_tree_size_idx" ON "anchors"("chain_id", "contract", "status", "tree_size");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- The sequencer's queue: only pending rows, in arrival order.
CREATE INDEX "ledger_entries_pending_idx" ON "ledger_entries" ("id") WHERE "seq" IS NULL;
