// The `campaigns` chunk: running the config's campaigns on the page (eligibility,
// triggers, slots, frequency, holdouts, conversions, the outbox). Loaded at init when the
// config has campaigns, fetched as soon as the config says so.
export { startCampaigns } from '../../runtime/index.js';
