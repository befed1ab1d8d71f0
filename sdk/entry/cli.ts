import { readFileSync } from 'node:fs';
import { formatProblem, parseCampaignSection, parseConfig, parseIntentConfig, parseQuizzes, parseRfmConfig, type Problem } from '../core/index.js';

const USAGE = `Usage: beckon <command>

Commands:
  validate <file> [--json]   check a beckon.config.json; exit 1 on errors, 0 with warnings only
  help                       show this text`;

/**
 * The one condition mistake the config compiler cannot call wrong, because GrowthBook's
 * rules (DESIGN §4) allow it: `"segments": "id"` compares the whole list to one id, so it
 * holds only while the visitor is in no other segment. The CLI warns; the browser, which
 * follows the rules, says nothing.
 */
function lintSegmentsEquality(raw: unknown): Problem[] {
  const problems: Problem[] = [];
  const visit = (condition: unknown, path: string) => {
    if (Array.isArray(condition)) return condition.forEach((item, i) => visit(item, `${path}[${i}]`));
    if (typeof condition !== 'object' || condition === null) return;
    for (const [key, value] of Object.entries(condition)) {
      if (key === 'segments' && typeof value === 'string') {
        problems.push({
          path: `${path}.segments`,
          message: `"segments" is a list: "${value}" matches only a visitor in no other segment; write { "$in": ["${value}"] }`,
          severity: 'warning',
        });
      } else if (key.startsWith('$')) visit(value, `${path}.${key}`);
    }
  };
  const sections = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const list = (value: unknown) => (Array.isArray(value) ? (value as Record<string, unknown>[]) : []);
  list(sections.segments).forEach((segment, i) => visit(segment?.when, `segments[${i}].when`));
  list(sections.campaigns).forEach((campaign, i) => visit(campaign?.audience, `campaigns[${i}].audience`));
  return problems;
}

function validate(file: string | undefined, json: boolean): number {
  if (!file) {
    process.stderr.write(`validate: name the config file to check.\n\n${USAGE}\n`);
    return 2;
  }
  let problems: Problem[];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`${file}: cannot be read (${(error as Error).message})\n`);
    return 2;
  }
  try {
    const raw = JSON.parse(text);
    // The browser reads the rfm, intent, quizzes and campaigns sections lazily, with their chunks; the CLI checks everything at once.
    const parsed = parseConfig(raw);
    const { config } = parsed;
    const quizProblems: Problem[] = [];
    const quizzes = parseQuizzes(config.quizzes, config.lists, quizProblems);
    problems = [
      ...parsed.problems,
      ...quizProblems,
      ...parseCampaignSection(config, { valid: quizzes, all: config.quizzes }).problems,
      ...lintSegmentsEquality(raw),
      ...(raw?.rfm !== undefined ? parseRfmConfig(raw.rfm).problems : []),
      ...(raw?.intent !== undefined ? parseIntentConfig(raw.intent).problems : []),
    ];
  } catch (error) {
    problems = [{ path: '(root)', message: `not valid JSON: ${(error as Error).message}`, severity: 'error' }];
  }
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  if (json) {
    process.stdout.write(`${JSON.stringify({ file, valid: errors === 0, problems }, null, 2)}\n`);
  } else {
    for (const problem of problems) process.stdout.write(`${file}: ${problem.severity}: ${formatProblem(problem)}\n`);
    const warnings = problems.length - errors;
    process.stdout.write(`${file}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
  }
  return errors > 0 ? 1 : 0;
}

export function runCli(args: string[]): number {
  const [command, ...rest] = args;
  const json = rest.includes('--json');
  const positional = rest.filter((arg) => !arg.startsWith('--'));
  switch (command) {
    case 'validate':
      return validate(positional[0], json);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
      return 2;
  }
}
