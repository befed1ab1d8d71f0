import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = `${root}dist/cli.js`;
const fixture = (name: string) => `test/unit/fixtures/${name}`;

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

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

  it('prints JSON with --json', () => {
    const result = run('validate', fixture('array.config.json'), '--json');
    expect(JSON.parse(result.out)).toEqual({
      file: fixture('array.config.json'),
      valid: false,
      problems: [{ path: '(root)', message: 'expected an object, got an array', severity: 'error' }],
    });
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

  it.each([
    [['validate'], 2, 'name the config file'],
    [['validate', 'missing.json'], 2, 'cannot be read'],
    [['explode'], 2, 'Unknown command "explode"'],
  ])('fails clearly on %j', (args, code, message) => {
    const result = run(...args);
    expect(result.code).toBe(code);
    expect(result.err).toContain(message);
  });
});
