import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { serve, storePage } from './profileHelpers.js';
import { watchPage } from './pageWatch.js';

// dist/ hosted on another origin (a CDN): beckon.js is a classic script, its chunks are
// modules, which load from there only with CORS headers.
const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const config = { version: 1, campaigns: [{ id: 'hello', type: 'popup', content: { kind: 'message', title: 'Hello' } }] };

for (const cors of [true, false]) {
  test(`dist/ on another origin ${cors ? 'that sends Access-Control-Allow-Origin: the popup shows' : 'without CORS headers: the warning names them as the cause'}`, async ({ page }) => {
    // Chromium asks before a page reaches another local server (Local Network Access).
    await page.context().grantPermissions(['local-network-access']).catch(() => undefined);
    const watch = watchPage(page);
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      try {
        const body = readFileSync(path.join(dist, new URL(req.url!, 'http://x').pathname.replace('/v1/', '')));
        res.writeHead(200, { 'content-type': 'text/javascript', ...(cors && { 'access-control-allow-origin': '*' }) });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
    const { port } = server.address() as { port: number };
    try {
      await serve(page, '**/cdn-page', storePage(config).replace('src="/beckon.js"', `src="http://localhost:${port}/v1/beckon.js"`));
      await page.goto('/cdn-page');
      if (cors) await expect(page.locator('beckon-widget[data-campaign="hello"]')).toHaveCount(1);
      else {
        await expect.poll(() => watch.beckonWarnings()).toContainEqual(expect.stringMatching(new RegExp(`The config chunk could not be loaded \\(.*; http://localhost:${port}/v1/chunks/ is cross-origin: it must send Access-Control-Allow-Origin\\)`)));
        await expect(page.locator('beckon-widget')).toHaveCount(0);
      }
      expect(watch.errors).toEqual([]);
    } finally {
      server.close();
    }
  });
}
