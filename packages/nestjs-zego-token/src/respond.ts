// Request in, response out: the route's translation between Nest's platforms (Express, Fastify) and
// the route. No policy here: the route matches, resolves, mints and shapes every answer.
import { NotFoundException } from '@nestjs/common';
import { type NodeResponseLike, type RouteResult, type TokenRoute, writeNodeResponse } from 'zego-token/adapter';

/** The parts of Express's and Fastify's requests the route reads. */
export interface PlatformRequest {
  method: string;
  url: string;
  /** Express: the path without the query. */
  path?: string;
  /** Express: the matched route, whose `path` is the full pattern Nest registered (prefixes included). */
  route?: { path?: unknown };
  /** Fastify: the matched route's options, whose `url` is that pattern. */
  routeOptions?: { url?: unknown };
}

/** Fastify's reply: `code().headers().send()`. */
interface FastifyReplyLike {
  code(status: number): FastifyReplyLike;
  headers(values: Readonly<Record<string, string>>): FastifyReplyLike;
  send(body?: string): unknown;
}

function isFastifyReply(res: unknown): res is FastifyReplyLike {
  const reply = res as Partial<FastifyReplyLike> & { raw?: unknown };
  return typeof reply.code === 'function' && typeof reply.send === 'function' && reply.raw !== undefined;
}

/** Writes the result to the platform's response. An empty body goes as none, so Fastify adds no `text/plain`. */
export function send(res: unknown, result: RouteResult): void {
  if (isFastifyReply(res)) {
    res
      .code(result.status)
      .headers(result.headers)
      .send(result.body === '' ? undefined : result.body);
  } else writeNodeResponse(res as NodeResponseLike, result);
}

/**
 * The request's path below the prefixes Nest matched (global prefix, `RouterModule`, versions), as
 * Express's `req.path` is below a mount path: the registered pattern ends with the route's own path.
 */
export function pathBelowPrefix(req: PlatformRequest, ownPath: string): string {
  const query = req.url.indexOf('?');
  const path = typeof req.path === 'string' ? req.path : query === -1 ? req.url : req.url.slice(0, query);
  const pattern = req.route?.path ?? req.routeOptions?.url;
  const own = ownPath.length > 1 && ownPath.endsWith('/') ? ownPath.slice(0, -1) : ownPath;
  if (typeof pattern !== 'string' || !pattern.endsWith(own)) return path;
  return path.slice(pattern.length - own.length);
}

/**
 * Answers one request routed to the controller. A request the route does not take (another spelling
 * of the path, OPTIONS) gets Nest's own 404; what the route rejects with goes to Nest's exception filters.
 */
export async function respond(
  route: TokenRoute<[req: never]>,
  ownPath: string,
  req: unknown,
  res: unknown,
): Promise<void> {
  const request = req as PlatformRequest;
  const pending = route.handle(request.method, pathBelowPrefix(request, ownPath), req as never);
  if (pending === undefined) throw new NotFoundException(`Cannot ${request.method} ${request.url}`);
  send(res, await pending);
}
