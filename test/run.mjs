// `npm test`: type check, build, size budgets, unit tests (vitest), one load of each page
// of the browser benchmark, and end-to-end tests (Playwright in Chromium against dist/).
// Every step runs even when an earlier one failed, so one run shows everything; the exit
// code is non-zero when anything failed.
// The last line counts tests and checks as `total: N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const results = `${root}test-results`;
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const vitestJson = `${results}/vitest.json`;
const playwrightJson = `${results}/playwright.json`;

const bin = (name) => `${root}node_modules/.bin/${name}`;
const steps = [
  { name: 'typecheck', cmd: [bin('tsc'), '--noEmit', '-p', 'tsconfig.json'] },
  { name: 'build', cmd: [process.execPath, 'esbuild.config.mjs'] },
  { name: 'size', cmd: [process.execPath, 'test/bench/size.mjs'], needs: 'build' },
  {
    name: 'unit',
    cmd: [bin('vitest'), 'run', '--config', 'test/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
    counts: () => {
      const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
      return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
    },
  },
  // The browser benchmark's pages, once each: every tool shows its widget. Its figures are
  // printed and never gate (npm run bench:browser takes the medians of ten loads).
  {
    name: 'bench:browser (one load)',
    cmd: [process.execPath, 'test/bench/browser.mjs', '--loads', '1', '--rates', '1', '--out', `${results}/bench-browser-smoke.json`],
    needs: 'build',
  },
  {
    name: 'e2e',
    cmd: [bin('playwright'), 'test', '--config', 'test/playwright.config.ts'],
    env: { PW_JSON_OUTPUT: playwrightJson },
    needs: 'build',
    counts: () => {
      const { stats } = JSON.parse(readFileSync(playwrightJson, 'utf8'));
      return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
    },
  },
];

const outcome = new Map();
const total = { passed: 0, failed: 0, skipped: 0 };
for (const step of steps) {
  console.log(`\n━━ ${step.name} ━━ ${step.cmd.slice(1).join(' ')}`);
  if (step.needs && outcome.get(step.needs) !== 'passed') {
    console.log(`skipped: ${step.needs} failed`);
    outcome.set(step.name, 'failed');
    total.failed += 1;
    continue;
  }
  const started = Date.now();
  const run = spawnSync(step.cmd[0], step.cmd.slice(1), { cwd: root, stdio: 'inherit', env: { ...process.env, ...step.env } });
  const ok = run.status === 0;
  outcome.set(step.name, ok ? 'passed' : 'failed');
  let counts;
  try {
    counts = step.counts?.();
  } catch {
    counts = undefined;
  }
  if (counts) {
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
    if (!ok && counts.failed === 0) total.failed += 1; // the runner itself failed
  } else if (ok) total.passed += 1;
  else total.failed += 1;
  const detail = counts ? ` (${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped)` : '';
  console.log(`━━ ${step.name}: ${ok ? 'ok' : 'FAILED'}${detail} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

console.log('\nsummary');
for (const [name, result] of outcome) console.log(`  ${result === 'passed' ? '✓' : '✗'} ${name}`);
console.log(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit([...outcome.values()].every((r) => r === 'passed') ? 0 : 1);
