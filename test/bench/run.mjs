// `npm run bench`: bundles each test/bench/*.bench.ts with esbuild and runs it in Node.
// Benchmarks print figures; only hard budgets (such as 1 MB of storage) fail the run.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const benches = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)));
// Inside the repository, so the bundles resolve node_modules.
const out = path.join(here, '..', '..', 'test-results', 'bench');
mkdirSync(out, { recursive: true });
let failed = false;
try {
  for (const file of benches) {
    const outfile = path.join(out, file.replace(/\.ts$/, '.mjs'));
    await esbuild.build({ entryPoints: [path.join(here, file)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
    console.log(`\n━━ ${file}`);
    const run = spawnSync(process.execPath, [outfile], { stdio: 'inherit', cwd: path.dirname(here) });
    if (run.status !== 0) failed = true;
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
