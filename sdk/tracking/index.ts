export { readPage, readQuery } from './readPage.js';
export { readDataLayerEntry, watchDataLayer, type EcommerceListener } from './watchDataLayer.js';
export { hasJsonLd, readJsonLd } from './readJsonLd.js';
export { watchNavigation, type LocationSnapshot } from './watchNavigation.js';
export { ZONE_KEY, readDeviceSignals, readGeoSignals } from './readSignals.js';
export { IDLE_MS, watchEngagement, type Engagement } from './watchEngagement.js';
export { watchTrigger, type DomTrigger } from './watchTrigger.js';
export { isValidSelector, waitForElement } from './waitForElement.js';
