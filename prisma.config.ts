import { defineConfig } from 'prisma/config';

// Same default as the apps' config (libs/platform/src/config.ts) so `prisma migrate` needs no .env.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/sigillo' },
});
