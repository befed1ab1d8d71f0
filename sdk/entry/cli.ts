import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  buildReport,
  formatProblem,
  lintSegmentsEquality,
  parseCampaignSection,
  parseConfig,
  parseIntentConfig,
  parseQuizzes,
  parseRfmConfig,
  selectorProblems,
  type Lift,
  type Problem,
  type Report,
  type ReportRow,
  type Revenue,
} from '../core/index.js';

const USAGE = `Usage: beckon <command>

Commands:
  validate <file>... [--json]              check beckon.config.json files; exit 1 on errors, 0 with warnings only
  report <events.ndjson> [--by segment] [--json]
                                           campaign results from an endpoint's event log: visitors,
                                           CTR, conversion rate, revenue and lift over the holdout
  help                                     show this text`;

/** The file's text, or undefined after saying on stderr why it cannot be read. */
function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`${file}: cannot be read (${(error as Error).message})\n`);
    return undefined;
  }
}

/** What validating `file` finds, or undefined when it cannot be read (said on stderr). */
function validate(file: string): Problem[] | undefined {
  const read = readText(file);
  if (read === undefined) return undefined;
  // A byte order mark, as some editors save one: the browser's Response.text() drops it.
  const text = read.replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const lines = text.slice(0, jsonErrorAt(text)).split('\n');
    const message = `not valid JSON at line ${lines.length}, column ${lines.at(-1)!.length + 1}: ${(error as Error).message.replace(/\s+/g, ' ')}`;
    return [{ path: '(root)', message, severity: 'error' }];
  }
  // The browser reads the rfm, intent, quizzes and campaigns sections lazily, with their chunks; the CLI checks everything at once.
  const section = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const parsed = parseConfig(raw);
  const { config } = parsed;
  const quizProblems: Problem[] = [];
  const quizzes = parseQuizzes(config, quizProblems);
  const problems = [
    ...parsed.problems,
    ...quizProblems,
    ...parseCampaignSection(config, { valid: quizzes, all: config.quizzes }).problems,
    ...selectorProblems(raw),
    ...lintSegmentsEquality(raw),
    ...(section.rfm !== undefined ? parseRfmConfig(section.rfm).problems : []),
    ...(section.intent !== undefined ? parseIntentConfig(section.intent).problems : []),
  ];
  return problems;
}

/**
 * Where JSON that JSON.parse refused goes wrong, as an index into `text` (Node's messages
 * do not say): the first character a JSON reader could not take.
 */
export function jsonErrorAt(text: string): number {
  let i = 0;
  const space = () => {
    while (/[ \t\n\r]/.test(text[i] ?? '')) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const string = () => {
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined || c < ' ') fail();
      if (c === '"') return void i++;
      if (c === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[\da-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          space();
          if (text[i] !== '"') fail();
          string();
          space();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        space();
        if (text[i] === close) return void i++;
        if (text[i] !== ',') fail();
        i++;
      }
    }
    if (c === '"') return string();
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (number) return void (i += number[0].length);
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return void (i += word.length);
    fail();
  };
  try {
    value();
    space();
    return i;
  } catch (at) {
    return at as number;
  }
}

/**
 * Validates each file and prints what it finds, as text or as JSON (an object for one
 * file, a list of them for several). The exit code: 2 when a file cannot be read, else 1
 * when a file has errors, else 0 (warnings only).
 */
function validateFiles(args: string[]): number {
  let values: { json?: boolean };
  let files: string[];
  try {
    ({ values, positionals: files } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } }));
  } catch (error) {
    process.stderr.write(`validate: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (files.length === 0) {
    process.stderr.write(`validate: name the config file to check.\n\n${USAGE}\n`);
    return 2;
  }
  let code = 0;
  const results: object[] = [];
  for (const file of files) {
    const problems = validate(file);
    if (!problems) {
      code = 2;
      // Said on stderr too; in the JSON, so a machine reading it knows which file it lacks.
      if (values.json) results.push({ file, valid: false, error: 'cannot be read' });
      continue;
    }
    const errors = problems.filter((problem) => problem.severity === 'error').length;
    if (errors > 0) code ||= 1;
    if (values.json) results.push({ file, valid: errors === 0, problems });
    else {
      for (const problem of problems) process.stdout.write(`${file}: ${problem.severity}: ${formatProblem(problem)}\n`);
      const warnings = problems.length - errors;
      process.stdout.write(`${file}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
    }
  }
  if (values.json && results.length > 0) process.stdout.write(`${JSON.stringify(files.length === 1 ? results[0] : results, null, 2)}\n`);
  return code;
}

const NONE = '–';

const percent = (share: number | null) => (share === null ? NONE : `${(share * 100).toFixed(1)}%`);

/** A share as signed percentage points with one decimal; a difference that rounds to zero reads 0.0, never -0.0. */
function signedPoints(share: number): string {
  const text = (share * 100).toFixed(1);
  if (Number(text) === 0) return '0.0';
  return share > 0 ? `+${text}` : text;
}

const formatRevenue = (revenue: Revenue[]) =>
  revenue.length === 0 ? NONE : revenue.map(({ currency, value }) => `${value.toFixed(2)}${currency ? ` ${currency}` : ''}`).join(' + ');

interface Column {
  title: string;
  right?: boolean;
  cell: (row: ReportRow) => string;
}

const liftCell = (read: (lift: Lift) => string) => (row: ReportRow) => (row.lift ? read(row.lift) : NONE);

const COLUMNS: Column[] = [
  { title: 'campaign', cell: (row) => row.campaignId },
  { title: 'segment', cell: (row) => row.segment ?? '' },
  { title: 'variant', cell: (row) => row.variantId },
  { title: 'visitors', right: true, cell: (row) => String(row.visitors) },
  { title: 'impressions', right: true, cell: (row) => String(row.impressions) },
  { title: 'clicks', right: true, cell: (row) => String(row.clicks) },
  { title: 'CTR', right: true, cell: (row) => percent(row.ctr) },
  { title: 'conversions', right: true, cell: (row) => String(row.conversions) },
  { title: 'conv. rate', right: true, cell: (row) => percent(row.conversionRate) },
  { title: 'revenue', right: true, cell: (row) => formatRevenue(row.revenue) },
  { title: 'lift', right: true, cell: liftCell((lift) => `${signedPoints(lift.difference)} pp`) },
  { title: '95% CI (pp)', right: true, cell: liftCell((lift) => `${signedPoints(lift.low)} to ${signedPoints(lift.high)}`) },
  { title: 'rel. lift', right: true, cell: liftCell((lift) => (lift.relative === null ? NONE : `${signedPoints(lift.relative)}%`)) },
];

function formatReport(file: string, report: Report, bySegment: boolean): string {
  const repeats = report.repeats > 0 ? `, ${report.repeats} repeated id${report.repeats === 1 ? '' : 's'} counted once` : '';
  const out = [`${file}: ${report.events} event${report.events === 1 ? '' : 's'}${repeats}`, ''];
  if (report.rows.length === 0) out.push('No campaign events (impression, holdout, click, conversion) in this log.');
  else {
    const columns = COLUMNS.filter((column) => bySegment || column.title !== 'segment');
    const cells = [columns.map((column) => column.title), ...report.rows.map((row) => columns.map((column) => column.cell(row)))];
    const widths = columns.map((_, i) => Math.max(...cells.map((line) => (line[i] as string).length)));
    for (const line of cells) {
      out.push(line.map((cell, i) => (columns[i]?.right ? cell.padStart(widths[i] as number) : cell.padEnd(widths[i] as number))).join('  ').trimEnd());
    }
    out.push('');
    if (report.rows.some((row) => row.lift)) {
      out.push("lift: the variant's conversion rate minus the holdout's, in percentage points, with a 95% Newcombe (Wilson score) interval.");
    }
    if (report.rows.some((row) => row.revenue.length > 1)) out.push('revenue in more than one currency is shown per currency, not summed.');
  }
  if (report.unattributedConversions > 0) {
    const n = report.unattributedConversions;
    out.push(`${n} conversion${n === 1 ? '' : 's'} left out: no exposure of that visitor to that campaign and variant in this log.`);
  }
  return `${out.join('\n')}\n`;
}

function report(args: string[]): number {
  let values: { by?: string; json?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, allowPositionals: true, options: { by: { type: 'string' }, json: { type: 'boolean' } } }));
  } catch (error) {
    process.stderr.write(`report: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    process.stderr.write(`report: name one event log to read (JSON lines, such as demo-site/.data/collect.ndjson).\n\n${USAGE}\n`);
    return 2;
  }
  if (values.by !== undefined && values.by !== 'segment') {
    process.stderr.write(`report: --by takes "segment", got "${values.by}".\n`);
    return 2;
  }
  const text = readText(file);
  if (text === undefined) return 2;
  const bySegment = values.by === 'segment';
  const result = buildReport(text, { bySegment });
  if (result.unparsable > 0) {
    const n = result.unparsable;
    process.stderr.write(`${file}: skipped ${n} line${n === 1 ? '' : 's'} that ${n === 1 ? 'is' : 'are'} not JSON (the first is line ${result.firstUnparsableLine})\n`);
  }
  if (values.json) {
    const { rows, ...counts } = result;
    process.stdout.write(`${JSON.stringify({ file, by: bySegment ? 'segment' : null, ...counts, rows }, null, 2)}\n`);
  } else process.stdout.write(formatReport(file, result, bySegment));
  return 0;
}

export function runCli(args: string[]): number {
  const [command, ...rest] = args;
  switch (command) {
    case 'report':
      return report(rest);
    case 'validate':
      return validateFiles(rest);
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
