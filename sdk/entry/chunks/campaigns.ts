// The `campaigns` chunk: running the config's campaigns on the page (eligibility,
// triggers, slots, frequency, holdouts, conversions, the outbox). Loaded at init when the
// config has campaigns, fetched as soon as the config says so.
export { startCampaigns } from '../../runtime/index.js';

/** Set by the build (esbuild.config.mjs) from the widgets' build; absent in tests. */
declare const BECKON_WIDGET_IMPORTS: Record<string, string[]> | undefined;

/**
 * The shared chunks (Preact, the mount) each widget chunk imports, by chunk name, so they
 * are asked for beside it rather than once it has arrived and been read.
 */
export const widgetImports: Record<string, string[]> = typeof BECKON_WIDGET_IMPORTS === 'object' ? BECKON_WIDGET_IMPORTS : {};
