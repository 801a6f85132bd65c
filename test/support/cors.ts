// CORS as a browser sees it, for the tests of servers that answer other origins' pages (the Worker and
// Supabase examples): the preflight it sends, and what a response must (not) say for a page to read it.
import { expect } from 'vitest';

/** The preflight a browser sends from `origin` before a `method` request with `requestHeaders`. */
export function preflight(url: string, origin: string, requestHeaders = 'authorization', method = 'GET') {
  return fetch(url, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': method,
      'Access-Control-Request-Headers': requestHeaders,
    },
    signal: AbortSignal.timeout(5_000),
  });
}

/** `response` lets pages of `origin`, and of it alone, read it; caches keep answers per origin apart. */
export function expectCorsAllowed(response: Response, origin: string): void {
  expect(response.headers.get('access-control-allow-origin')).toBe(origin);
  expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
}

/** `response` gives no CORS permission at all: a page of another origin can neither send nor read. */
export function expectNoCorsPermission(response: Response): void {
  expect(response.headers.get('access-control-allow-origin')).toBeNull();
  expect(response.headers.get('access-control-allow-methods')).toBeNull();
  expect(response.headers.get('access-control-allow-headers')).toBeNull();
  expect(response.headers.get('access-control-allow-credentials')).toBeNull();
}
