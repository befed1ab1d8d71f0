import { isUnsafeKey, type PageInfo } from '../core/index.js';

/** Longest query value kept; longer ones are cut (a hostile link can carry 10 KB). */
const MAX_QUERY_VALUE = 512;

export function readQuery(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    if (isUnsafeKey(key) || Object.prototype.hasOwnProperty.call(query, key)) continue;
    query[key] = value.slice(0, MAX_QUERY_VALUE);
  }
  return query;
}

/** The current page as DESIGN §3 names it (`page.url`, `page.path`, `page.title`, `page.query`). */
export function readPage(location: Pick<Location, 'href' | 'pathname' | 'search'>, title: string): PageInfo {
  return { url: location.href, path: location.pathname, title, query: readQuery(location.search) };
}
