// The audit page's Content-Security-Policy, derived from the page itself: its one inline script and
// its one inline style are allowed by their SHA-256 hashes (no 'unsafe-inline'), and connections
// may go anywhere, since the auditor chooses the chain RPC. Used by the page build (a <meta> policy,
// so a saved copy opened from file:// is protected too) and by the api's GET /audit (the header).
import { createHash } from 'node:crypto';

/** The inline <script> and <style> contents of the built page, exactly as the browser hashes them. */
export function inlineBlocks(html: string): { scripts: string[]; styles: string[] } {
  const grab = (tag: string) => [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);
  return { scripts: grab('script'), styles: grab('style') };
}

function sourceHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The policy for a built page. `meta` leaves out what a <meta> policy may not carry
 * (frame-ancestors: browsers ignore it there, with a console warning).
 */
export function auditPageCsp(html: string, opts: { meta?: boolean } = {}): string {
  const { scripts, styles } = inlineBlocks(html);
  const directives = [
    "default-src 'none'",
    `script-src ${scripts.map(sourceHash).join(' ') || "'none'"}`,
    `style-src ${styles.map(sourceHash).join(' ') || "'none'"}`,
    // Only the auditor's RPC is ever contacted, wherever it is.
    'connect-src *',
    // The favicon is an empty data: URL, so the browser asks no server for one.
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ];
  if (!opts.meta) directives.push("frame-ancestors 'none'");
  return directives.join('; ');
}
