import type { ContainerProps } from './shared/index.js';

/** A box in the page's flow; the runtime has already put the host where it belongs. */
export const Container = ({ children }: ContainerProps) => <div class="w i">{children}</div>;

Container.css = '.i{margin:16px 0;box-shadow:none;border:1px solid #0002}';
