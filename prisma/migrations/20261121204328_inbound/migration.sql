-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "store_inbound_text" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "inbound_messages" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "phone" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "text_salt" BYTEA,
    "text_hash" BYTEA,
    "text" TEXT,

    CONSTRAINT "inbound_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_windows" (
    "tenant_id" UUID NOT NULL,
    "phone" TEXT NOT NULL,
    "last_inbound_at" TIMESTAMPTZ(3) NOT NULL,
    "open_until" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "customer_windows_pkey" PRIMARY KEY ("tenant_id","phone")
);

-- CreateIndex
CREATE UNIQUE INDEX "inbound_messages_message_id_key" ON "inbound_messages"("message_id");

-- CreateIndex
CREATE INDEX "inbound_messages_tenant_id_phone_occurred_at_idx" ON "inbound_messages"("tenant_id", "phone", "occurred_at");
