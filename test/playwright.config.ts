import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { findChromium } from './e2e/chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.E2E_PORT ?? 4317);
export const collectLog = `${root}test-results/collect.ndjson`;

// The e2e tests load dist/beckon.js into real pages (the demo store and the fixtures in
// test/e2e/fixtures) exactly as a store would. `npm test` builds dist/ first.
export default defineConfig({
  testDir: './e2e',
  outputDir: `${root}test-results/e2e`,
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.PW_JSON_OUTPUT ? [['list'], ['json', { outputFile: process.env.PW_JSON_OUTPUT }]] : 'list',
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: findChromium(),
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
    },
  },
  webServer: {
    command: `node demo-site/server.mjs --no-build --port ${port} --fixtures test/e2e/fixtures --collect-log ${collectLog}`,
    cwd: root,
    url: `http://localhost:${port}/`,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
