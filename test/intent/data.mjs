// Reads the Online Shoppers Purchasing Intention data set (../shared/data; CC BY 4.0,
// UCI 468, Sakar & Kastro) and splits it the same way every time: stratified 70/30 with
// a fixed seed, so figures compare from run to run.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Beside the repository, in ../shared/data; scripts run from the repository root. */
export const DATA = path.resolve('../shared/data/online_shoppers_intention.csv');
export const SEED = 20261123;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'June', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function readSessions(file = DATA) {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  return lines.map((line) => {
    const row = Object.fromEntries(line.split(',').map((value, i) => [columns[i], value]));
    return {
      session: {
        administrative: Number(row.Administrative),
        administrativeDuration: Math.max(0, Number(row.Administrative_Duration)),
        informational: Number(row.Informational),
        informationalDuration: Math.max(0, Number(row.Informational_Duration)),
        productRelated: Number(row.ProductRelated),
        productRelatedDuration: Math.max(0, Number(row.ProductRelated_Duration)),
        month: MONTHS.indexOf(row.Month) + 1,
        returning: row.VisitorType === 'Returning_Visitor',
        weekend: row.Weekend === 'TRUE',
        pageValue: Number(row.PageValues),
      },
      label: row.Revenue === 'TRUE' ? 1 : 0,
    };
  });
}

/** mulberry32: a small seeded generator, so the split never changes. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stratified split: 70% of the buyers and 70% of the others train, the rest test. */
export function split(rows, seed = SEED) {
  const random = seeded(seed);
  const train = [];
  const test = [];
  for (const label of [0, 1]) {
    const group = rows.filter((row) => row.label === label);
    for (let i = group.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [group[i], group[j]] = [group[j], group[i]];
    }
    const cut = Math.round(group.length * 0.7);
    train.push(...group.slice(0, cut));
    test.push(...group.slice(cut));
  }
  return { train, test };
}
