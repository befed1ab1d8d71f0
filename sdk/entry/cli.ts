import { readFileSync } from 'node:fs';
import { formatProblem, parseCampaignSection, parseConfig, parseIntentConfig, parseRfmConfig, type Problem } from '../core/index.js';

const USAGE = `Usage: beckon <command>

Commands:
  validate <file> [--json]   check a beckon.config.json; exit 1 on errors, 0 with warnings only
  help                       show this text`;

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
    // The browser reads the rfm, intent and campaigns sections lazily, with their chunks; the CLI checks everything at once.
    const parsed = parseConfig(raw);
    problems = [
      ...parsed.problems,
      ...parseCampaignSection(parsed.config).problems,
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
