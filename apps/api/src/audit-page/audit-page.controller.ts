import { Controller, Get, NotFoundException, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditPageCsp } from '../../../audit-page/csp.js';
import { repoRoot } from '#sigillo/platform';

/** Where `npm run build` (scripts/build-audit-page.ts) writes the page. */
export function auditPagePath(): string {
  return join(repoRoot(), 'dist/audit/index.html');
}

interface BuiltPage {
  mtimeMs: number;
  html: string;
  csp: string;
}

/**
 * GET /audit: the self-contained audit page (docs/audit-page.md). It holds no data and calls no
 * Sigillo endpoint, so it needs no API key. Its Content-Security-Policy is its own, set here over
 * whatever the global helmet policy says: the inline script and style are allowed by hash, and
 * connect-src is open because the auditor chooses the chain RPC the page reads.
 */
@ApiExcludeController()
@Controller('audit')
export class AuditPageController {
  private page?: BuiltPage;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  @Get()
  serve(@Res() res: unknown): void {
    const page = this.load();
    const http = this.adapterHost.httpAdapter;
    http.setHeader(res, 'Content-Security-Policy', page.csp);
    http.setHeader(res, 'Cache-Control', 'no-cache');
    http.setHeader(res, 'X-Content-Type-Options', 'nosniff');
    http.setHeader(res, 'Content-Type', 'text/html; charset=utf-8');
    http.reply(res, page.html, 200);
  }

  // Read once, and again only when a rebuild changed the file.
  private load(): BuiltPage {
    const file = auditPagePath();
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      throw new NotFoundException('the audit page is not built: run npm run build');
    }
    if (this.page?.mtimeMs !== mtimeMs) {
      const html = readFileSync(file, 'utf8');
      this.page = { mtimeMs, html, csp: auditPageCsp(html) };
    }
    return this.page;
  }
}
