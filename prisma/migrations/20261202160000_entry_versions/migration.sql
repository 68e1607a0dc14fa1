-- event.received and consent.changed are written as version 2 (`<name>/v2`) from now on: the story
-- lookups match both versions, so their partial indexes cover both.
CREATE INDEX "ledger_entries_event_v12_idx" ON "ledger_entries" ("tenant_id", (("body"->>'eventId'))) WHERE "type" IN ('event.received', 'event.received/v2');
CREATE INDEX "ledger_entries_consent_v12_idx" ON "ledger_entries" ("tenant_id", (("body"->>'consentId'))) WHERE "type" IN ('consent.changed', 'consent.changed/v2');
DROP INDEX "ledger_entries_event_idx";
DROP INDEX "ledger_entries_consent_idx";
