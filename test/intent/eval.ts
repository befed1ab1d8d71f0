// `npm run intent:eval`: scores the held-out 30% of the data set with the model files
// the SDK ships and the SDK's own scoring, and prints AUC, accuracy and F1.
// @ts-expect-error: a plain ESM helper shared with train
import { readSessions, split } from './data.mjs';
import { scoreIntent, type IntentSession } from '../../sdk/core/intent.js';
import { INTENT_MODEL, INTENT_MODEL_WITH_PAGE_VALUES } from '../../sdk/core/intentModel.js';
import { atThreshold, auc } from './metrics.js';

const { test } = split(readSessions()) as { test: { session: IntentSession; label: number }[] };
const labels = test.map((row) => row.label);
console.log(`held-out sessions: ${test.length} (${labels.filter(Boolean).length} with a purchase), stratified 70/30, fixed seed`);
for (const [name, model] of [['browser-only features', INTENT_MODEL], ['with PageValues', INTENT_MODEL_WITH_PAGE_VALUES]] as const) {
  const scores = test.map((row) => scoreIntent(model, row.session));
  const { accuracy, f1, precision, recall } = atThreshold(scores, labels, model.threshold);
  console.log(`${name}:`);
  console.log(`AUC ${auc(scores, labels).toFixed(3)}`);
  console.log(`  accuracy ${accuracy.toFixed(3)}, F1 ${f1.toFixed(3)} (precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}) at threshold ${model.threshold}`);
}
