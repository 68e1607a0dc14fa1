import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { repoRoot } from '#sigillo/platform';

/**
 * The console's own policy, over helmet's: scripts and styles only from this origin (Mantine writes
 * its CSS variables in a <style>, hence 'unsafe-inline' for styles alone), and connect-src open
 * because "verify in place" reads the anchor from the chain RPC the staff names, as /audit does.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  'connect-src *',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Where `npm run build` writes the console (apps/console/vite.config.ts's outDir). */
export function consoleRoot(): string {
  return join(repoRoot(), 'dist/console');
}

/**
 * The file a /console path asks for, relative to the build, or null for the app's own routes
 * (answered with index.html, the single-page app's entry). Never a path outside the build.
 */
export function consoleFile(urlPath: string, exists: (relative: string) => boolean): string {
  const path = decodeURIComponentSafe(urlPath.split('?')[0]).replace(/^\/console\/?/i, '');
  const relative = normalize(path).replace(/^(\.\.(\/|\\|$))+/, '');
  if (relative === '' || relative === '.' || relative.includes('\0') || relative.startsWith('..')) return 'index.html';
  return exists(relative) ? relative : 'index.html';
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * GET /console and /console/*: the built console's files, and index.html for every other path of
 * the app (its router's pages). /console/api/* stays the JSON api's: an unknown call there is a
 * JSON 404, never the page.
 */
export async function registerConsoleStatic(fastify: FastifyInstance, root = consoleRoot()): Promise<void> {
  await fastify.register(fastifyStatic, { root, serve: false, decorateReply: true, wildcard: false, index: false });
  const exists = (relative: string) => {
    try {
      return statSync(join(root, relative)).isFile();
    } catch {
      return false;
    }
  };
  const serve = (request: FastifyRequest, reply: FastifyReply) => {
    if (/^\/console\/api(\/|$)/i.test(request.url)) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'no such console call' });
    if (!existsSync(join(root, 'index.html')))
      return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'the console is not built: run npm run build' });
    const file = consoleFile(request.url, exists);
    // Hashed assets never change; the entry must be fetched again to find new ones.
    reply.header('Cache-Control', file === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable');
    reply.header('Content-Security-Policy', CONSOLE_CSP);
    return reply.sendFile(file, root);
  };
  fastify.get('/console', serve);
  fastify.get('/console/*', serve);
}
