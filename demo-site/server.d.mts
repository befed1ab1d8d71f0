import type { Server } from 'node:http';

/** The demo config's text as served: its dates moved on by whole years until every one is ahead of `now`. */
export declare function rollDates(text: string, now?: number): string;
/** The demo store's server: the store, dist/, the fixtures when given, and POST /collect. */
export declare function createDemoServer(options?: { fixturesDir?: string; collectLog?: string; log?: (message: string) => void }): Server;
