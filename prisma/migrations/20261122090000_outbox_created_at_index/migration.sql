-- The relay claims the oldest owed rows: walked in created_at order it stops after the few it
-- takes, where a scan by dispatched_at sorted the whole backlog on every pass.
DROP INDEX "outbox_dispatched_at_idx";

CREATE INDEX "outbox_created_at_idx" ON "outbox"("created_at");
