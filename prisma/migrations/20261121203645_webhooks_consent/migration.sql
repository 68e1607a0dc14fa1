-- AlterTable
ALTER TABLE "consents" ADD COLUMN     "client_id" TEXT,
ADD COLUMN     "evidence" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "request_hash" TEXT,
ADD COLUMN     "user_id" TEXT;

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "delivery_status" TEXT;

-- CreateTable
CREATE TABLE "webhook_payloads" (
    "id" BIGSERIAL NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "body" BYTEA NOT NULL,
    "signature" TEXT NOT NULL,
    "processed_at" TIMESTAMPTZ(3),
    "dispatched_at" TIMESTAMPTZ(3),
    "error" TEXT,

    CONSTRAINT "webhook_payloads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "message_statuses" (
    "id" BIGSERIAL NOT NULL,
    "wamid" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "tenant_id" UUID,
    "notification_id" UUID,
    "callback_data" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload" JSONB NOT NULL,
    "recorded_at" TIMESTAMPTZ(3),

    CONSTRAINT "message_statuses_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "webhook_payloads_processed_at_dispatched_at_idx" ON "webhook_payloads"("processed_at", "dispatched_at");

-- CreateIndex
CREATE INDEX "message_statuses_callback_data_idx" ON "message_statuses"("callback_data");

-- CreateIndex
CREATE INDEX "message_statuses_recorded_at_received_at_idx" ON "message_statuses"("recorded_at", "received_at");

-- CreateIndex
CREATE UNIQUE INDEX "message_statuses_wamid_status_key" ON "message_statuses"("wamid", "status");

-- CreateIndex
CREATE UNIQUE INDEX "consents_tenant_id_client_id_key" ON "consents"("tenant_id", "client_id");
