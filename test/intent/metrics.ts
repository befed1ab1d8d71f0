/** Area under the ROC curve: the chance a random buyer scores above a random non-buyer (ties count half). */
export function auc(scores: number[], labels: number[]): number {
  const order = scores.map((score, i) => [score, labels[i] as number] as const).sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j]![0] === order[i]![0]) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (order[k]![1] === 1) {
      rankSum += rank;
      positives++;
    }
    i = j;
  }
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function atThreshold(scores: number[], labels: number[], threshold: number) {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  scores.forEach((score, i) => {
    const predicted = score >= threshold;
    if (predicted && labels[i] === 1) tp++;
    else if (predicted) fp++;
    else if (labels[i] === 1) fn++;
    else tn++;
  });
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  return { accuracy: (tp + tn) / scores.length, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), precision, recall };
}
