export { readPage, readQuery } from './readPage.js';
