/**
 * Long work written once as a generator that yields between units (a segment, say), then
 * run either at once (the CLI, tests) or in slices that leave the main thread between
 * them, so a config of thousands of segments never makes a long task in the page.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs all the steps at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs the steps in slices of about `budgetMs`, awaiting `pause()` between slices. One
 * step is never cut, so a slice can run over by one step.
 */
export async function runStepsInSlices<T>(steps: Steps<T>, pause: () => Promise<unknown>, now: () => number, budgetMs = 8): Promise<T> {
  let sliceStart = now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (now() - sliceStart >= budgetMs) {
      await pause();
      sliceStart = now();
    }
  }
}
