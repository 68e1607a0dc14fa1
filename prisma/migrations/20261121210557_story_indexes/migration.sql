-- Story proofs find the entries of a notification by the ids in their bodies
CREATE INDEX "ledger_entries_notification_idx" ON "ledger_entries" ("tenant_id", (("body"->>'notificationId'))) WHERE (("body"->>'notificationId')) IS NOT NULL;
CREATE INDEX "ledger_entries_event_idx" ON "ledger_entries" ("tenant_id", (("body"->>'eventId'))) WHERE "type" = 'event.received';
CREATE INDEX "ledger_entries_consent_idx" ON "ledger_entries" ("tenant_id", (("body"->>'consentId'))) WHERE "type" = 'consent.changed';
