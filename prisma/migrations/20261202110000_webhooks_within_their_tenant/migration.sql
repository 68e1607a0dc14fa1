-- Webhooks are applied only within the tenant that owns the phone number id (and WABA id) they
-- name (issue 13): a tenant may bring its own Meta app and secret, each payload keeps whose secret
-- signed it, refused parts are kept with their reason, and statuses are unique per tenant so a
-- status forged under another tenant cannot take the place of the real one.
ALTER TABLE "tenants" ADD COLUMN "app_secret" TEXT;

ALTER TABLE "webhook_payloads" ADD COLUMN "signed_by" TEXT[] DEFAULT ARRAY['deployment']::TEXT[];

CREATE TABLE "webhook_rejections" (
    "id" BIGSERIAL NOT NULL,
    "payload_id" BIGINT NOT NULL,
    "at" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "tenant_id" UUID,
    "phone_number_id" TEXT,
    "waba_id" TEXT,
    "ref" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_rejections_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "webhook_rejections_reason_idx" ON "webhook_rejections"("reason");

CREATE UNIQUE INDEX "webhook_rejections_payload_id_at_key" ON "webhook_rejections"("payload_id", "at");

DROP INDEX "message_statuses_wamid_status_key";

CREATE UNIQUE INDEX "message_statuses_wamid_status_tenant_id_key" ON "message_statuses"("wamid", "status", "tenant_id");
