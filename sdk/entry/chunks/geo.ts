// The `geo` chunk: time zone → country and continent tables behind `geo.*`, read from
// this browser's time zone and locale. Loaded only when a condition reads `geo.*` or
// `profile()` is asked.
import { readGeo, type Geo } from '../../core/index.js';
import { readGeoSignals } from '../../tracking/index.js';

/** `geo.*` of this browser; `country` given by `identify({ country })` wins; `notes` keep the time zone for the session. */
export const geoOf = (win: Window, countryHint?: unknown, notes?: Storage): Geo => readGeo(readGeoSignals(win, countryHint, notes));
