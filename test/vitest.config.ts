import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// Environment by folder: pure code (sdk/core, storage over fake-indexeddb, the CLI, the
// layer check) runs in Node; code that touches the DOM runs in happy-dom. The adversarial
// suite mixes both, so there it goes by file: *.test.ts in Node, *.test.tsx in happy-dom.
export default defineConfig({
  root,
  test: {
    projects: [
      { extends: true, test: { name: 'node', environment: 'node', include: ['test/unit/{core,storage}/**/*.test.ts', 'test/unit/*.test.ts', 'test/unit/adversarial/**/*.test.ts', 'test/conformance/**/*.test.ts'] } },
      { extends: true, test: { name: 'dom', environment: 'happy-dom', include: ['test/unit/dom/**/*.test.{ts,tsx}', 'test/unit/adversarial/**/*.test.tsx'] } },
    ],
  },
});
