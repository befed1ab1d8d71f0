import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonErrorAt } from '../../sdk/entry/cli.js';
import { selectorSlip } from '../../sdk/core/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = `${root}dist/cli.js`;
const fixture = (name: string) => `test/unit/fixtures/${name}`;

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('jsonErrorAt', () => {
  it.each([
    ['{"a":1,}', 7],
    ['[1,,2]', 3],
    ['{"a" 1}', 5],
    ['"abc', 4],
    ['{"a":1} x', 8],
    ['{"a":tru}', 5],
    ['{"a":"\\x"}', 7],
    ['[01]', 2],
  ])('%j breaks at %i', (text, at) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorAt(text)).toBe(at);
  });
});

// The CLI is tested as users run it: the built dist/cli.js in a child process.
describe('beckon CLI', () => {
  beforeAll(() => {
    if (!existsSync(cli)) execFileSync(process.execPath, ['esbuild.config.mjs'], { cwd: root });
  });

  it.each([
    ['valid.config.json', 0, 'test/unit/fixtures/valid.config.json: 0 errors, 0 warnings'],
    ['wrong-version.config.json', 0, 'warning: version: expected 1, got 2'],
    ['array.config.json', 1, 'error: (root): expected an object, got an array'],
    ['broken.config.json', 1, 'error: (root): not valid JSON'],
  ])('validate %s exits %i', (name, code, message) => {
    const result = run('validate', fixture(name));
    expect(result.code).toBe(code);
    expect(result.out).toContain(message);
  });

  it('says where JSON breaks, by line and column, and reads a file saved with a byte order mark as the browser does', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'beckon-cli-'));
    const broken = path.join(dir, 'broken.json');
    const bom = path.join(dir, 'bom.json');
    writeFileSync(broken, '{\n  "version": 1,\n  "segments": [}\n');
    writeFileSync(bom, `\uFEFF${JSON.stringify({ version: 1 })}`);
    const results = [run('validate', broken), run('validate', bom)];
    rmSync(dir, { recursive: true });
    expect(results.map((result) => result.code)).toEqual([1, 0]);
    expect(results[0]!.out).toContain(`${broken}: error: (root): not valid JSON at line 3, column 16:`);
    expect(results[1]!.out).toContain(`${bom}: 0 errors, 0 warnings`);
  });

  it('reports bad selectors in a campaign skipped for another error too, so one run shows every problem', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'beckon-cli-'));
    const file = path.join(dir, 'config.json');
    const field = { name: 'email', type: 'email', label: 'Email' };
    const form = { kind: 'form', fields: [field, field], submit: { unlock: '#a >' } };
    writeFileSync(file, JSON.stringify({ version: 1, campaigns: [{ id: 'gate', type: 'inline', placement: { target: 'div[' }, content: form }] }));
    const result = run('validate', file, '--json');
    rmSync(dir, { recursive: true });
    expect(result.code).toBe(1);
    expect((JSON.parse(result.out) as { problems: { path: string }[] }).problems.map((p) => p.path).sort()).toEqual([
      'campaigns[0].content.fields[1].name',
      'campaigns[0].content.submit.unlock',
      'campaigns[0].placement.target',
    ]);
  });

  it('refuses selectors the browser would throw on, by path, and passes the rest', () => {
    const result = run('validate', fixture('bad-selectors.config.json'), '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out).problems).toEqual([
      {
        path: 'campaigns[0].trigger.selector',
        message: '"button[data-x=" is not a valid CSS selector (a "[" that does not close); the browser skips campaign "help"',
        severity: 'error',
      },
      {
        path: 'campaigns[1].placement.target',
        message: '"#main >> .x" is not a valid CSS selector (">" with no selector before it); the browser skips campaign "inl"',
        severity: 'error',
      },
    ]);
  });

  it('prints JSON with --json', () => {
    const result = run('validate', fixture('array.config.json'), '--json');
    expect(JSON.parse(result.out)).toEqual({
      file: fixture('array.config.json'),
      valid: false,
      problems: [{ path: '(root)', message: 'expected an object, got an array', severity: 'error' }],
    });
  });

  it('validates every file it is given: exit 1 when any has errors, as a CI step over a glob needs', () => {
    const result = run('validate', fixture('valid.config.json'), fixture('array.config.json'));
    expect(result.code).toBe(1);
    expect(result.out).toContain('test/unit/fixtures/valid.config.json: 0 errors, 0 warnings');
    expect(result.out).toContain('test/unit/fixtures/array.config.json: 1 error, 0 warnings');
    const json = run('validate', fixture('valid.config.json'), fixture('array.config.json'), '--json');
    expect(JSON.parse(json.out).map((r: { file: string; valid: boolean }) => [r.file, r.valid])).toEqual([
      [fixture('valid.config.json'), true],
      [fixture('array.config.json'), false],
    ]);
  });

  it('exits 2 for a file it cannot read, after checking the others, and for an option it does not know', () => {
    const missing = run('validate', 'no/such.json', fixture('valid.config.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no/such.json: cannot be read');
    expect(missing.out).toContain('valid.config.json: 0 errors');
    const json = run('validate', 'no/such.json', fixture('valid.config.json'), '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out).map((r: { file: string; valid: boolean; error?: string }) => [r.file, r.valid, r.error])).toEqual([
      ['no/such.json', false, 'cannot be read'],
      [fixture('valid.config.json'), true, undefined],
    ]);
    const option = run('validate', '--strict', fixture('valid.config.json'));
    expect(option.code).toBe(2);
    expect(option.err).toContain("Unknown option '--strict'");
  });

  it('validates the demo store config, its quiz included, without a warning', () => {
    const result = run('validate', 'demo-site/beckon.config.json');
    expect(result.out).toContain('demo-site/beckon.config.json: 0 errors, 0 warnings');
    expect(result.code).toBe(0);
  });

  it('warns where "segments" is compared to one id, which holds only while the visitor is in no other segment', () => {
    const result = run('validate', fixture('segments-equality.config.json'), '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out).problems).toEqual([
      {
        path: 'segments[1].when.$and[0].segments',
        message: '"segments" is a list: "runner" matches only a visitor in no other segment; write { "$in": ["runner"] }',
        severity: 'warning',
      },
      {
        path: 'campaigns[0].audience.segments',
        message: '"segments" is a list: "runner" matches only a visitor in no other segment; write { "$in": ["runner"] }',
        severity: 'warning',
      },
    ]);
  });

  it('checks quizzes and the campaigns that show them', () => {
    const result = run('validate', fixture('quiz.config.json'));
    expect(result.code).toBe(1);
    expect(result.out).toContain('error: quizzes[0].questions[0].options[1].next: no question "nowhere" in this quiz (or "end")');
    expect(result.out).toContain('error: campaigns[0].content.quiz: the quiz "shoe" has errors, so it is skipped');
    expect(result.out).toContain('2 errors, 0 warnings');
  });

  it('refuses a quiz whose rule names a segment the config lacks, as it does an audience', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'beckon-cli-'));
    const file = path.join(dir, 'quiz-segment.json');
    const question = { id: 'q', type: 'single', text: 'Sport?', options: [{ value: 'run', label: 'Run' }, { value: 'gym', label: 'Gym' }], next: [{ when: { segments: { $nin: ['vipp'] } }, to: 'end' }] };
    writeFileSync(file, JSON.stringify({ version: 1, segments: [{ id: 'vip', when: { 'rfm.segment': 'champions' } }], quizzes: [{ id: 'shoe', questions: [question] }] }));
    const result = run('validate', file);
    rmSync(dir, { recursive: true });
    expect(result.code).toBe(1);
    expect(result.out).toContain('error: quizzes[0].questions[0].next[0].when: names no segment "vipp" (none in the config, or skipped for an error); did you mean "vip"?');
  });

  it('reports campaign results from an event log as an aligned table', () => {
    const result = run('report', fixture('events.ndjson'));
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines[0]).toBe('test/unit/fixtures/events.ndjson: 17 events, 1 repeated id counted once');
    expect(lines[2]).toMatch(/^campaign +variant +visitors +impressions +clicks +CTR +conversions +conv\. rate +revenue +lift +95% CI \(pp\) +rel\. lift$/);
    // Columns line up: the last column is right-aligned, so every row ends where the header does.
    expect(lines.slice(3, 6).map((line) => line.length)).toEqual([3, 4, 5].map(() => lines[2]?.length));
    expect(lines[3]?.split(/ {2,}/)).toEqual(['cart-rescue', 'a', '4', '4', '1', '25.0%', '2', '50.0%', '124.50 EUR', '+25.0 pp', '-32.0 to +65.5', '+100.0%']);
    expect(lines[4]?.split(/ {2,}/)).toEqual(['cart-rescue', '(holdout)', '4', '0', '0', '–', '1', '25.0%', '30.00 EUR', '–', '–', '–']);
    expect(result.err).toBe('test/unit/fixtures/events.ndjson: skipped 1 line that is not JSON (the first is line 15)\n');
  });

  it('prints the report as JSON numbers with --json', () => {
    const result = run('report', fixture('events.ndjson'), '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    expect({ ...report, rows: report.rows.length }).toEqual({
      file: fixture('events.ndjson'),
      by: null,
      events: 17,
      repeats: 1,
      unparsable: 1,
      firstUnparsableLine: 15,
      unattributedConversions: 0,
      rows: 3,
    });
    expect(report.rows[0]).toEqual({
      campaignId: 'cart-rescue',
      variantId: 'a',
      visitors: 4,
      impressions: 4,
      clicks: 1,
      ctr: 0.25,
      conversions: 2,
      conversionRate: 0.5,
      revenue: [{ currency: 'EUR', value: 124.5 }],
      // 2/4 against 1/4, Newcombe's interval on paper (see report.test.ts): [−0.319564, 0.65529].
      lift: { difference: 0.25, low: expect.closeTo(-0.319564, 6), high: expect.closeTo(0.65529, 6), relative: 1 },
    });
  });

  it('splits the report by segment', () => {
    const table = run('report', fixture('events.ndjson'), '--by', 'segment');
    expect(table.code).toBe(0);
    expect(table.out.split('\n')[2]).toMatch(/^campaign +segment +variant +visitors /);
    const json = JSON.parse(run('report', fixture('events.ndjson'), '--by=segment', '--json').out);
    expect(json.rows.map((row: { segment: string; variantId: string; visitors: number }) => `${row.segment} ${row.variantId} ${row.visitors}`)).toEqual([
      'cart-abandoner a 4',
      'cart-abandoner (holdout) 3',
      'returning a 2',
      'returning (holdout) 1',
      '(none) (holdout) 1',
      'returning default 1',
      '(none) default 1',
    ]);
  });

  it.each([
    [['validate'], 2, 'name the config file'],
    [['validate', 'missing.json'], 2, 'cannot be read'],
    [['report'], 2, 'name one event log to read'],
    [['report', 'missing.ndjson'], 2, 'missing.ndjson: cannot be read'],
    [['report', 'test/unit/fixtures'], 2, 'test/unit/fixtures: cannot be read'],
    [['report', fixture('events.ndjson'), '--by', 'device'], 2, '--by takes "segment", got "device"'],
    [['report', fixture('events.ndjson'), '--since', 'monday'], 2, "Unknown option '--since'"],
    [['explode'], 2, 'Unknown command "explode"'],
  ])('fails clearly on %j', (args, code, message) => {
    const result = run(...args);
    expect(result.code).toBe(code);
    expect(result.err).toContain(message);
  });
});

describe('selectorSlip', () => {
  it.each([
    ['.open-newsletter', undefined],
    ["a[href^='/sale'], li:nth-child(2n+1) > .buy", undefined],
    ['main :is(h1, h2) ~ p + .x', undefined],
    ['[data-note="a]b"]', undefined],
    ['#size\\+guide', undefined],
    ['button[data-x=', 'a "[" that does not close'],
    ['div:not(.a', 'a "(" that does not close'],
    ['a]', 'an unmatched "]"'],
    ['[title="x]', 'a quote that does not close'],
    ['a "b"', 'a quote outside [ ] or ( )'],
    ['#main >> .x', '">" with no selector before it'],
    ['> .x', '">" with no selector before it'],
    ['.a,,.b', 'an empty selector in the list'],
    ['.a ~', '"~" with no selector after it'],
    ['.a,', '"," with no selector after it'],
  ])('%s → %s', (selector, slip) => {
    expect(selectorSlip(selector)).toBe(slip);
  });
});
