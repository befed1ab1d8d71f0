// The `signals` chunk: the user-agent, time-zone and calendar readers behind `device.*`,
// `geo.*` and `time.*`. Loaded only when a condition reads one of them or `profile()`
// is asked, so a page whose config never targets by device, place or time never fetches
// their tables.
export { readDevice, readGeo, readTime } from '../../core/index.js';
