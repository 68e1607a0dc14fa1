-- AlterTable
ALTER TABLE "consents" ALTER COLUMN "phone" DROP NOT NULL;

-- AlterTable
ALTER TABLE "ledger_entries" ADD COLUMN     "erased_at" TIMESTAMPTZ(3),
ADD COLUMN     "erased_by" BIGINT,
ADD COLUMN     "subject_ref" BYTEA,
ALTER COLUMN "salt" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "ledger_entries_subject_ref_idx" ON "ledger_entries"("subject_ref");

-- CreateIndex
CREATE INDEX "notifications_tenant_id_recipient_idx" ON "notifications"("tenant_id", "recipient");


-- Only a sequenced entry can be erased: a pending one still needs its salt for its leaf.
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_salt_until_erased"
  CHECK ("salt" IS NOT NULL OR ("erased_at" IS NOT NULL AND "seq" IS NOT NULL));

-- Subject references of the entries recorded before this migration, computed as
-- libs/ledger/src/subject.ts does: SHA-256(UTF-8("sigillo.subject.v1\n" || tenant id || "\n" || E.164)).
UPDATE "ledger_entries" e
   SET "subject_ref" = sha256(convert_to('sigillo.subject.v1' || E'\n' || lower(e."tenant_id"::text) || E'\n' || s.phone, 'UTF8'))
  FROM (
    SELECT le."id",
           CASE le."type"
             WHEN 'event.received' THEN le."body"->'recipient'->>'phone'
             WHEN 'message.submitted' THEN le."body"->>'to'
             WHEN 'message.failed' THEN le."body"->>'to'
             WHEN 'consent.changed' THEN le."body"->>'phone'
             ELSE (SELECT n."recipient" FROM "notifications" n WHERE n."id" = (le."body"->>'notificationId')::uuid)
           END AS phone
      FROM "ledger_entries" le
     WHERE le."tenant_id" IS NOT NULL
       AND le."type" IN ('event.received', 'notification.decided', 'message.submitted', 'message.failed', 'message.status', 'consent.changed')
  ) s
 WHERE e."id" = s."id" AND s.phone IS NOT NULL;
