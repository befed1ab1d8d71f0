export interface Logger {
  /** Logs a warning once per distinct message, so a broken config does not flood the console. */
  warn(message: string): void;
}

export function createLogger(output: Pick<Console, 'warn'> = console): Logger {
  const said = new Set<string>();
  return {
    warn(message) {
      if (said.has(message)) return;
      said.add(message);
      try {
        output.warn(`[beckon] ${message}`);
      } catch {
        // A page that broke its own console must not break us.
      }
    },
  };
}
