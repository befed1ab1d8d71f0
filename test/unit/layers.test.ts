// Enforces the architecture of DESIGN §1: imports point one way
// (core ← storage ← tracking ← runtime ← entry), another folder is entered only through
// its index.ts, each layer uses only the packages it is allowed, widgets are leaves, and
// sdk/core touches no DOM, no clock and no randomness.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

const LAYERS = ['core', 'storage', 'tracking', 'runtime', 'entry'] as const;

const PACKAGES: Record<(typeof LAYERS)[number] | 'widgets', RegExp> = {
  core: /^$/,
  storage: /^idb-keyval$/,
  tracking: /^$/,
  runtime: /^nanostores$/,
  entry: /^node:/,
  widgets: /^preact(\/hooks)?$/,
};

/** Browser globals, the clock and randomness, which sdk/core takes as parameters instead. */
const CORE_FORBIDDEN = /\b(window|document|navigator|location|localStorage|sessionStorage|indexedDB)\b|\bDate\.now\(|\bnew Date\(\)|\bMath\.random\(/;

function sourceFiles(dir: string): string[] {
  if (!existsSync(path.join(root, dir))) return [];
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

interface ImportRef {
  specifier: string;
  typeOnly: boolean;
}

function importsOf(code: string): ImportRef[] {
  const refs: ImportRef[] = [];
  const staticImport = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm;
  const bare = /^\s*import\s+['"]([^'"]+)['"]/gm;
  const dynamic = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of code.matchAll(staticImport)) refs.push({ specifier: m[3] as string, typeOnly: Boolean(m[2]) });
  for (const m of code.matchAll(bare)) refs.push({ specifier: m[1] as string, typeOnly: false });
  for (const m of code.matchAll(dynamic)) refs.push({ specifier: m[1] as string, typeOnly: false });
  return refs;
}

const stripComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"])\/\/.*$/gm, '$1');

/** The layer a repo-relative path belongs to: `core`…`entry`, `widgets`, or undefined. */
function layerOf(file: string): (typeof LAYERS)[number] | 'widgets' | undefined {
  const [top, sub] = file.split(path.sep);
  if (top === 'widgets') return 'widgets';
  if (top === 'sdk') return LAYERS.find((layer) => layer === sub);
  return undefined;
}

function violations(file: string, code: string): string[] {
  const layer = layerOf(file);
  if (!layer) return [`${file}: not inside a known layer folder`];
  const problems: string[] = [];
  for (const { specifier, typeOnly } of importsOf(code)) {
    if (!specifier.startsWith('.')) {
      if (!PACKAGES[layer].test(specifier)) problems.push(`${file}: ${layer} may not import the package "${specifier}"`);
      continue;
    }
    const target = path.relative(root, path.resolve(path.dirname(path.join(root, file)), specifier)).replace(/\.js$/, '.ts');
    const targetLayer = layerOf(target);
    if (layer === 'widgets') {
      const shared = target.startsWith(`widgets${path.sep}`);
      const coreTypes = typeOnly && target === path.join('sdk', 'core', 'index.ts');
      if (!shared && !coreTypes) problems.push(`${file}: widgets may import only widgets/ and types from sdk/core/index.ts, not ${target}`);
      continue;
    }
    // The npm entry imports the widgets the script tag loads as chunks; nothing else in sdk/ may.
    if (layer === 'entry' && targetLayer === 'widgets') continue;
    if (!targetLayer || targetLayer === 'widgets') {
      problems.push(`${file}: sdk/${layer} may not import ${target}`);
      continue;
    }
    if (targetLayer === layer) continue;
    if (LAYERS.indexOf(targetLayer) > LAYERS.indexOf(layer)) {
      problems.push(`${file}: ${layer} may not import from ${targetLayer} (imports point core ← storage ← tracking ← runtime ← entry)`);
    } else if (target !== path.join('sdk', targetLayer, 'index.ts')) {
      problems.push(`${file}: import sdk/${targetLayer} through its door sdk/${targetLayer}/index.ts, not ${target}`);
    }
  }
  if (layer === 'core') {
    const hit = stripComments(code).match(CORE_FORBIDDEN);
    if (hit) problems.push(`${file}: sdk/core must take "${hit[0]}" as a parameter instead of reading it`);
  }
  return problems;
}

describe('layers', () => {
  const files = [...sourceFiles('sdk'), ...sourceFiles('widgets')];

  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('imports point one way, through each folder’s door, with allowed packages only', () => {
    expect(files.flatMap((file) => violations(file, readFileSync(path.join(root, file), 'utf8')))).toEqual([]);
  });

  // The checker checked on synthetic files, so a broken pattern cannot pass silently.
  it.each([
    ['sdk/core/x.ts', "import { openDB } from 'idb-keyval';", 'core may not import the package "idb-keyval"'],
    ['sdk/core/x.ts', "import { readPage } from '../tracking/index.js';", 'core may not import from tracking'],
    ['sdk/runtime/x.ts', "import { touchSession } from '../core/session.js';", 'through its door sdk/core/index.ts'],
    ['sdk/core/x.ts', 'export const t = () => Date.now();', 'must take "Date.now(" as a parameter'],
    ['widgets/x.tsx', "import { createBeckon } from '../sdk/runtime/index.js';", 'widgets may import only widgets/'],
    ['widgets/x.tsx', "import { parseConfig } from '../sdk/core/index.js';", 'widgets may import only widgets/'],
  ])('flags %s importing: %s', (file, code, message) => {
    expect(violations(file, code).join('\n')).toContain(message);
  });

  it('accepts type imports from sdk/core in widgets', () => {
    expect(violations('widgets/x.tsx', "import type { Profile } from '../sdk/core/index.js';")).toEqual([]);
  });
});
