/**
 * Resolves in a later task of the event loop: work split by it never adds up to one long
 * task. A message to ourselves, because a hidden tab holds timers back for up to a second;
 * a timer only where there is no MessageChannel.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof MessageChannel !== 'function') return void setTimeout(resolve);
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(undefined);
  });
}
