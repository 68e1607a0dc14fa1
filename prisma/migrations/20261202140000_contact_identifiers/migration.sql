-- Issue 15 items 1 and 5: the identifiers of one WhatsApp user per tenant (dialled number, the
-- wa_id Meta resolved, the business-scoped user id), so consent and the window follow the person.
CREATE TABLE "contact_identifiers" (
    "tenant_id" UUID NOT NULL,
    "identifier" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "person_id" UUID NOT NULL,
    "linked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contact_identifiers_pkey" PRIMARY KEY ("tenant_id","identifier")
);

-- CreateIndex
CREATE INDEX "contact_identifiers_tenant_id_person_id_idx" ON "contact_identifiers"("tenant_id", "person_id");
