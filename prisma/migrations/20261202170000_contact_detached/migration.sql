-- A number a user left (user_changed_number) is taken from the user's person and kept from re-joining it.
ALTER TABLE "contact_identifiers" ADD COLUMN "detached_from" UUID,
ADD COLUMN "detached_at" TIMESTAMPTZ(3);
