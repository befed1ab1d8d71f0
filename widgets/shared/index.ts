export { mountWidget } from './mountWidget.js';
export type { ContainerComponent, ContainerProps, ContentComponent, ContentProps } from './mountWidget.js';
export { Heading, richText } from './Heading.js';
