import { consoleFile } from './console-static.js';

const FILES = new Set(['index.html', 'assets/app-1a2b3c.js', 'assets/app-1a2b3c.css', 'favicon.svg']);
const exists = (p: string) => FILES.has(p);

describe('which console file a path is answered with', () => {
  it('serves the built files by their path', () => {
    expect(consoleFile('/console/assets/app-1a2b3c.js', exists)).toBe('assets/app-1a2b3c.js');
    expect(consoleFile('/console/favicon.svg?v=2', exists)).toBe('favicon.svg');
  });

  it("answers the app's own routes with index.html (the SPA fallback)", () => {
    for (const path of ['/console', '/console/', '/console/messages', '/console/messages/0b6c2a9e-57d4-4f4e-8c1e-2f0a5b7d9c31', '/console/assets/missing.js']) {
      expect(consoleFile(path, exists)).toBe('index.html');
    }
  });

  it('never leaves the build', () => {
    for (const path of ['/console/../package.json', '/console/%2e%2e/%2e%2e/etc/passwd', '/console/assets/../../secret', '/console/%00', '/console/%E0%A4%A']) {
      const file = consoleFile(path, () => true);
      expect(file.startsWith('..')).toBe(false);
      expect(file.includes('\0')).toBe(false);
    }
    expect(consoleFile('/console/../package.json', exists)).toBe('index.html');
  });
});
