import { describe, expect, it } from 'vitest';
import type { RouteResult } from 'zego-token/adapter';
import { pathBelowPrefix, send } from './respond.js';

describe('pathBelowPrefix', () => {
  const express = (url: string, pattern: string) => ({
    method: 'GET',
    url,
    path: url.split('?')[0],
    route: { path: pattern },
  });
  const fastify = (url: string, pattern: string) => ({ method: 'GET', url, routeOptions: { url: pattern } });
  it.each([
    ["below Nest's prefixes on Express", express('/v1/zego/token?x=1', '/v1/zego/token'), '/zego/token', '/zego/token'],
    ["below Nest's prefixes on Fastify", fastify('/v1/zego/token?x=1', '/v1/zego/token'), '/zego/token', '/zego/token'],
    // The issuer decides on case and trailing slashes, so the client's spelling is kept.
    ['as the client spelt it', express('/V1/ZEGO/TOKEN/', '/v1/zego/token'), '/zego/token', '/ZEGO/TOKEN/'],
    // Nest registers a path declared with a trailing slash without it.
    ['for a path declared with a trailing slash', fastify('/api/token/', '/api/token'), '/token/', '/token/'],
    [
      'whole, when the platform tells no pattern',
      { method: 'GET', url: '/zego/token?a=b' },
      '/zego/token',
      '/zego/token',
    ],
  ])('gives the issuer the path %s', (_label, req, ownPath, expected) => {
    expect(pathBelowPrefix(req, ownPath)).toBe(expected);
  });
});

describe('send', () => {
  const result: RouteResult = {
    status: 401,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    body: '{"error":{"code":"UNAUTHENTICATED","message":"Sign in"}}',
  };

  it("writes to Fastify's reply with code().headers().send()", () => {
    const calls: unknown[][] = [];
    const reply = {
      raw: {},
      code(status: number) {
        calls.push(['code', status]);
        return reply;
      },
      headers(values: object) {
        calls.push(['headers', values]);
        return reply;
      },
      send(body: string) {
        calls.push(['send', body]);
      },
    };
    send(reply, result);
    expect(calls).toEqual([
      ['code', 401],
      ['headers', result.headers],
      ['send', result.body],
    ]);
    // An empty 200 (the callback route's) is sent without a body, so Fastify adds no text/plain.
    calls.length = 0;
    send(reply, { status: 200, headers: { 'Cache-Control': 'no-store' }, body: '' });
    expect(calls.at(-1)).toEqual(['send', undefined]);
  });

  it("writes to Node's response (Express's res) otherwise", () => {
    const headers: Record<string, string> = {};
    const res = {
      statusCode: 200,
      body: undefined as string | undefined,
      setHeader: (name: string, value: string) => {
        headers[name] = value;
      },
      end(body?: string) {
        this.body = body;
      },
    };
    send(res, result);
    expect([res.statusCode, headers, res.body]).toEqual([401, result.headers, result.body]);
  });
});
