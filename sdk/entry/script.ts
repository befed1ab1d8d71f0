import { bootstrap } from './bootstrap.js';

// The script-tag build. `document.currentScript` is only set while this file first
// runs, so it is read here, synchronously.
bootstrap(window as Window & { beckon?: unknown }, document.currentScript as HTMLScriptElement | null);
