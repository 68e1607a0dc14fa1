-- Issue 15: a tenant's number mode (coexistence numbers are held to 20 messages/s), and template
-- changes Meta reports (status reasons, quality, category) kept once each, at the time Meta gives.
ALTER TABLE "tenants" ADD COLUMN "number_mode" TEXT NOT NULL DEFAULT 'cloud_api';

ALTER TABLE "templates" ADD COLUMN "status_reason" TEXT,
ADD COLUMN "status_at" TIMESTAMPTZ(3),
ADD COLUMN "quality_score" TEXT,
ADD COLUMN "quality_at" TIMESTAMPTZ(3),
ADD COLUMN "category_at" TIMESTAMPTZ(3),
ADD COLUMN "pending_category" TEXT,
ADD COLUMN "pending_category_at" TIMESTAMPTZ(3);

CREATE TABLE "template_changes" (
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "meta_time" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "template_changes_pkey" PRIMARY KEY ("tenant_id","name","language","field","event","meta_time")
);
