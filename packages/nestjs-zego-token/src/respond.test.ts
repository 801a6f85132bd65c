import { describe, expect, it } from 'vitest';
import type { TokenIssuerResult } from 'zego-token';
import { pathBelowPrefix, send } from './respond.js';

describe('pathBelowPrefix', () => {
  it("gives the issuer the path below Nest's prefixes, on Express and on Fastify", () => {
    const express = {
      method: 'GET',
      url: '/v1/zego/token?x=1',
      path: '/v1/zego/token',
      route: { path: '/v1/zego/token' },
    };
    expect(pathBelowPrefix(express, '/zego/token')).toBe('/zego/token');
    const fastify = { method: 'GET', url: '/v1/zego/token?x=1', routeOptions: { url: '/v1/zego/token' } };
    expect(pathBelowPrefix(fastify, '/zego/token')).toBe('/zego/token');
  });

  it('keeps the spelling the client sent, so that the issuer decides on case and trailing slashes', () => {
    const express = {
      method: 'GET',
      url: '/V1/ZEGO/TOKEN/',
      path: '/V1/ZEGO/TOKEN/',
      route: { path: '/v1/zego/token' },
    };
    expect(pathBelowPrefix(express, '/zego/token')).toBe('/ZEGO/TOKEN/');
  });

  it('matches a path declared with a trailing slash, which Nest registers without it', () => {
    const fastify = { method: 'GET', url: '/api/token/', routeOptions: { url: '/api/token' } };
    expect(pathBelowPrefix(fastify, '/token/')).toBe('/token/');
  });

  it('gives the whole path when the platform tells no pattern', () => {
    expect(pathBelowPrefix({ method: 'GET', url: '/zego/token?a=b' }, '/zego/token')).toBe('/zego/token');
  });
});

describe('send', () => {
  const result: TokenIssuerResult = {
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
