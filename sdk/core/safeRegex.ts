/** Longest pattern accepted in `$regex` / `$regexi`. */
export const MAX_PATTERN_LENGTH = 256;

/** One element of a pattern: a character, a class, a group or an assertion, with its repetition. */
interface Piece {
  /** Which of the SAMPLE characters the piece can match; a group, any (the safe side). */
  takes: boolean[];
  min: number;
  max: number;
  /** The quantifier as written: `*`, `+`, `?`, `{` or ''. */
  q: string;
  /** A group's alternatives, each a sequence. */
  alts?: Piece[][];
  /** Matches no character: `^`, `$`, `\b`, a lookaround. `^` is 1. */
  zero?: number;
}

/** Characters tried when asking whether two pieces can match the same one. */
const SAMPLE = [...Array(95)].map((_, k) => String.fromCharCode(32 + k)).concat(['\n', '\u00a0', 'é', 'я', '中']);
const ANY = SAMPLE.map(() => true);
const ESCAPE = /x[\da-f]{2}|u[\da-f]{4}|c[a-z]|k<[^>]*>|\d+|[^]/iy;
const QUANTIFIER = /([*+?])\??|\{(\d+)(,(\d*))?\}\??/y;

/** A valid pattern as a tree of alternatives. */
function parsePattern(pattern: string, flags: string): Piece[][] {
  let i = 0;
  const single = (source: string) => {
    try {
      const re = new RegExp(`^(?:${source})$`, flags);
      return SAMPLE.map((c) => re.test(c));
    } catch {
      return ANY;
    }
  };
  const alternatives = (): Piece[][] => {
    let seq: Piece[] = [];
    const alts = [seq];
    while (i < pattern.length && pattern[i] !== ')') {
      const start = i;
      const c = pattern.charAt(i++);
      const piece: Piece = { takes: ANY, min: 1, max: 1, q: '' };
      if (c === '|') {
        alts.push((seq = []));
        continue;
      }
      if (c === '(') {
        // (?: is a plain group; (?= (?! (?<= (?<! look around; (?<name> is named.
        const head = /^\?(?::|(<?[=!])|<[^>]*>)/.exec(pattern.slice(i, i + 40));
        i += head?.[0].length ?? 0;
        piece.alts = alternatives();
        if (head?.[1]) piece.zero = 2;
        i++;
      } else if (c === '[') {
        // In a pattern without the `u` flag the first unescaped `]` closes the class.
        while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
        piece.takes = single(pattern.slice(start, ++i));
      } else if (c === '\\') {
        ESCAPE.lastIndex = i;
        const e = ESCAPE.exec(pattern)?.[0] ?? '';
        i += e.length;
        if (e === 'b' || e === 'B') piece.zero = 2;
        // A back-reference (\1, \k<name>) may match anything its group did.
        else if (!/^(\d|k<)/.test(e)) piece.takes = single(pattern.slice(start, i));
      } else if (c === '^' || c === '$') piece.zero = c === '^' ? 1 : 2;
      else piece.takes = single(c === '.' ? c : c.replace(/[{}\]]/, '\\$&'));
      QUANTIFIER.lastIndex = i;
      const q = QUANTIFIER.exec(pattern);
      if (q) {
        i = QUANTIFIER.lastIndex;
        piece.q = q[1] ?? '{';
        piece.min = q[1] ? +(q[1] === '+') : Number(q[2]);
        piece.max = q[1] === '?' ? 1 : q[1] || q[4] === '' ? Infinity : Number(q[4] ?? q[2]);
      }
      // A plain group, once, with no "|", is its pieces in line: (a*)(a*)b runs like a*a*b.
      if (piece.alts?.length === 1 && !piece.zero && !piece.q) seq.push(...(piece.alts[0] ?? []));
      else seq.push(piece);
    }
    return alts;
  };
  return alternatives();
}

/** A group that holds a quantifier or an alternation, at any depth. */
const branches = (alts: Piece[][]): boolean => alts.length > 1 || alts.some((seq) => seq.some((p) => p.q !== '' || (p.alts && branches(p.alts))));

/** Whether a repeated group (`*`, `+`, `{…}`) holds a quantifier or an alternation, at any depth. */
const repeatsBranches = (alts: Piece[][]): boolean =>
  alts.some((seq) => seq.some((p) => p.alts && ((p.q !== '' && p.q !== '?' && branches(p.alts)) || repeatsBranches(p.alts))));

/**
 * Whether a pattern has a shape of catastrophic backtracking: a repeated group that
 * itself contains a quantifier (`(a+)+`, `(\\w*)*`, `(a?){25}`) or an alternation
 * (`(a|a)*`, `(a|aa)+`), whose overlaps multiply the ways to match. `try/catch` does
 * not help there: such a pattern is valid and freezes the page (1.4 s on 26
 * characters, DESIGN §8), so it is refused before it is ever run. A group repeated at
 * most once (`(…)?`) cannot blow up and is allowed.
 */
export function hasNestedQuantifier(pattern: string, flags = ''): boolean {
  return repeatsBranches(parsePattern(pattern, flags));
}

/** A bounded repeat longer than this trades characters like an unbounded one. */
const LONG_REPEAT = 16;
const share = (a: Piece, b: Piece) => a.takes.some((yes, k) => yes && b.takes[k]);
/** A piece that can take more than LONG_REPEAT characters: a long repeat, or a group holding one. */
const isLong = (p: Piece): boolean => p.max > LONG_REPEAT || (p.alts?.some((seq) => seq.some(isLong)) ?? false);
const SCAN: Piece = { takes: ANY, min: 0, max: Infinity, q: '*' };

/**
 * The longest run of long repeats in one sequence that can trade characters: each can
 * match some character the next one does, and every character required between them
 * (`a*a*a*b`, `^.*.*=$`, `\\s*\\S*\\s*x`, whose middle repeat may be empty). On a text that
 * fails to match, a run of k such repeats tries about n^k ways to split it. An unanchored
 * pattern is tried from every position, one more repeat in front (`SCAN`); a repeat that
 * ends the pattern never has to give characters back and does not count; a group holding
 * a repeat counts as one, whatever its own quantifier (`(?:.*,)?.*;.*=`). Stops counting
 * once a run is longer than `enough`.
 */
function longestRun(seq: Piece[], top: boolean, enough: number): number {
  let best = 0;
  const pieces = top && seq[0]?.zero !== 1 ? [SCAN, ...seq] : [...seq];
  const end = pieces.at(-1);
  if (top && pieces.length > 1 && end && isLong(end)) pieces.pop();
  const runs: number[] = [];
  pieces.forEach((piece, k) => {
    for (const alt of piece.alts ?? []) best = Math.max(best, longestRun(alt, false, enough));
    if (best > enough || piece.zero || !isLong(piece)) return;
    let run = 1;
    pieces.slice(0, k).forEach((before, j) => {
      const between = pieces.slice(j + 1, k);
      if ((runs[j] ?? 0) >= run && share(before, piece) && between.every((b) => b.zero || b.min === 0 || share(before, b))) run = (runs[j] ?? 0) + 1;
    });
    best = Math.max(best, (runs[k] = run));
  });
  return best;
}

/** How many long repeats may trade characters in a row: n² on a 10,000-character text is about 0.2 s, n³ freezes the page. */
const MAX_RUN = 2;

/** Builds a RegExp for a marketer's pattern, or says why it is refused. */
export function compileRegex(pattern: unknown, flags: string): RegExp | string {
  if (typeof pattern !== 'string') return `expected a pattern string, got ${typeof pattern}`;
  if (pattern.length > MAX_PATTERN_LENGTH) return `pattern is ${pattern.length} characters long; at most ${MAX_PATTERN_LENGTH} are allowed`;
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, flags);
  } catch (error) {
    return `invalid pattern ${JSON.stringify(pattern)}: ${(error as Error).message}`;
  }
  const tree = parsePattern(pattern, flags);
  if (repeatsBranches(tree)) {
    return `pattern ${JSON.stringify(pattern)} repeats a group holding a quantifier or "|", which can freeze the page (catastrophic backtracking)`;
  }
  const run = Math.max(...tree.map((seq) => longestRun(seq, true, MAX_RUN)));
  if (run > MAX_RUN) {
    return `pattern ${JSON.stringify(pattern)} has ${run} or more repeats in a row that can match the same characters, so its time grows as the text's length to the power ${run} (catastrophic backtracking); drop a leading .*, or keep the repeats apart (e.g. [^/]* for .*)`;
  }
  return regex;
}
