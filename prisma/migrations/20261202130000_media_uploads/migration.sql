-- Issue 15 item 8: the media of a template header, uploaded once per tenant, number and link, and
-- sent by the media id Meta answered until it expires (30 days). A failed upload is remembered so
-- that sends go by link for a while instead of fetching and uploading again each time.
CREATE TABLE "media_uploads" (
    "tenant_id" UUID NOT NULL,
    "phone_number_id" TEXT NOT NULL,
    "source_url" TEXT NOT NULL,
    "media_id" TEXT,
    "uploaded_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "failed_at" TIMESTAMPTZ(3),

    CONSTRAINT "media_uploads_pkey" PRIMARY KEY ("tenant_id","phone_number_id","source_url")
);
