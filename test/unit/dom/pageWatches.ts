// A campaign runner lives as long as its page, and watches it (an inline host the app takes
// out goes back at its target). Tests build many pages in one document: importing this
// tracks every MutationObserver made, so a test can stop the last test's runners from
// watching before it builds its own page (they would put their hosts into its targets).
const observers: MutationObserver[] = [];
window.MutationObserver = class extends MutationObserver {
  constructor(callback: MutationCallback) {
    super(callback);
    observers.push(this);
  }
};

/** Disconnects every MutationObserver made since the last call. */
export function stopPageWatches() {
  for (const observer of observers.splice(0)) observer.disconnect();
}
