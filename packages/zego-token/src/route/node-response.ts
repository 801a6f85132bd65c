// Writing a result to a Node `ServerResponse`, shared by every adapter whose framework hands over
// Node's response (Express, NestJS on Express, a plain `http` server), as tRPC's node-http layer is.
import type { RouteResult } from './responses.js';

/** The part of Node's `ServerResponse` (and Express's `res`) the writer uses. */
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}

/** Writes a route's result: status, headers, body. Throws what Node throws (headers already sent). */
export function writeNodeResponse(res: NodeResponseLike, result: RouteResult): void {
  res.statusCode = result.status;
  const { headers } = result;
  for (const name in headers) res.setHeader(name, headers[name] as string);
  res.end(result.body);
}
