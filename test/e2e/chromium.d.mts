/** The Chromium to test and measure with (see chromium.mjs). Throws, saying what to install, when there is none. */
export declare function findChromium(): string;
