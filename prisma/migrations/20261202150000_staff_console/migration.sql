-- Issue 16: the staff console. Staff accounts per tenant (tenant_id NULL: the global operator),
-- server-side sessions behind an HttpOnly cookie, and failed sign-ins for rate limiting.
CREATE TABLE "staff_accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID,
    "email" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT NOT NULL,

    CONSTRAINT "staff_accounts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "staff_accounts_role_check" CHECK ("role" IN ('admin', 'support', 'auditor')),
    CONSTRAINT "staff_accounts_email_lower_check" CHECK ("email" = lower("email")),
    CONSTRAINT "staff_accounts_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- One account per e-mail within a tenant, and one among the global operators (NULLs are distinct in a plain unique index).
CREATE UNIQUE INDEX "staff_accounts_tenant_email_key" ON "staff_accounts" (COALESCE("tenant_id", '00000000-0000-0000-0000-000000000000'::uuid), "email");

CREATE TABLE "staff_sessions" (
    -- SHA-256 (hex) of the cookie's random token: a database read does not yield a usable cookie.
    "id" TEXT NOT NULL,
    "account_id" UUID NOT NULL,
    "csrf_token" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "staff_sessions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "staff_sessions_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "staff_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "staff_sessions_account_id_idx" ON "staff_sessions"("account_id");
CREATE INDEX "staff_sessions_expires_at_idx" ON "staff_sessions"("expires_at");

-- Failed sign-ins, by scope ('ip' or 'account') and a SHA-256 key of the ip or of (tenant, e-mail).
CREATE TABLE "staff_login_failures" (
    "id" BIGSERIAL NOT NULL,
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_login_failures_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "staff_login_failures_scope_key_at_idx" ON "staff_login_failures"("scope", "key", "at");

-- The console's message list: a tenant's notifications newest first, keyset-paged on (created_at, id).
CREATE INDEX "notifications_tenant_id_created_at_id_idx" ON "notifications"("tenant_id", "created_at" DESC, "id" DESC);

-- The console's searches: by event id (from the notification's side) and by order or document code.
CREATE INDEX "notifications_tenant_id_event_id_idx" ON "notifications"("tenant_id", "event_id");
CREATE INDEX "events_document_code_idx" ON "events" ("tenant_id", (("payload"->'data'->>'documentCode'))) WHERE (("payload"->'data'->>'documentCode')) IS NOT NULL;

-- The console's history: configuration entries and consents recorded by staff, newest first. The
-- predicate is the history query's (libs/ledger/src/config-history.ts): keep them equal.
CREATE INDEX "ledger_entries_history_idx" ON "ledger_entries" ("tenant_id", "seq" DESC NULLS FIRST, "id" DESC)
  WHERE ("type" LIKE 'config.%' OR ("type" LIKE 'consent.changed%' AND ("body"->>'source') = 'staff'));
