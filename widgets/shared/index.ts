// The runtime's door. Content chunks import Heading.js and trapTab.js directly, so that
// their chunks do not depend on the mount's.
export { FIXED, mountWidget } from './mountWidget.js';
export { focusables, trapTab } from './trapTab.js';
export type { ContainerComponent, ContainerProps, ContentComponent, ContentProps } from './mountWidget.js';
