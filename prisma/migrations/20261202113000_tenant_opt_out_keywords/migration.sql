-- A tenant may add its own opt-out keywords and phrases to the deployment's (issue 15).
ALTER TABLE "tenants" ADD COLUMN "opt_out_keywords" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
