// The one test-support module: shared secrets, the Token04 vectors, how to expect a typed error,
// and how to serve a request listener on loopback and close it after the test. Every suite imports
// from here (unit tests in packages/*/src, package tests in packages/*/test, cross-package suites in
// test/), so a fixture is written once.
import { Buffer } from 'node:buffer';
import { createHash, randomInt } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { afterEach, expect } from 'vitest';
import { CALLBACK_EXAMPLES } from '../../packages/zego-token/src/callback/events/examples.js';
import { parseZegoCallback } from '../../packages/zego-token/src/callback/events/parse.js';
import type { CallbackExample } from '../../packages/zego-token/src/callback/events/types.js';
import { CALLBACK_NAMINGS } from '../../packages/zego-token/src/callback/signature.js';
import vectorsFile from './token04.vectors.json' with { type: 'json' };

/** A well-formed 32-byte ServerSecret used by the tests (not a real app's). */
export const SECRET = 'fa94dd0f974cf2e293728a526b028271';
/** Another valid secret: tokens minted with one must not decode with the other. */
export const OTHER_SECRET = '0123456789abcdef0123456789abcdef';
/** A valid AppID for tests that do not use a vector's. */
export const APP_ID = 1234567890;

/** One Token04 vector: encoding these inputs gives exactly `token`, decoding it gives them back. */
export interface Token04Vector {
  name: string;
  mode: 'gcm' | 'cbc';
  appId: number;
  userId: string;
  secret: string;
  ctime: number;
  effectiveTimeInSeconds: number;
  nonce: number;
  /** Hex. */
  iv: string;
  payload: string;
  token: string;
}

/** The Token04 vectors (a copy of the shared vectors: tests never read outside the repository). */
export const VECTORS: readonly Token04Vector[] = vectorsFile.vectors as Token04Vector[];

/** The encoder's options for a vector (the IV as bytes). */
export function vectorInputs(vector: Token04Vector) {
  return {
    appId: vector.appId,
    userId: vector.userId,
    serverSecret: vector.secret,
    ctime: vector.ctime,
    effectiveTimeInSeconds: vector.effectiveTimeInSeconds,
    nonce: vector.nonce,
    iv: Uint8Array.from(Buffer.from(vector.iv, 'hex')),
    payload: vector.payload,
    mode: vector.mode,
  };
}

interface CodedError {
  name: string;
  code: string;
  message: string;
}

/**
 * Checks an error the test already holds (one handed to `onError`, say): an `Error` with this class
 * name and `code`. `name` defaults to `'ZegoTokenError'`. The two helpers below use it for thrown errors.
 */
export function expectCoded<T extends CodedError = CodedError>(
  error: unknown,
  code: string,
  name = 'ZegoTokenError',
): T {
  expect(error, `expected a ${name} with code ${code}`).toBeInstanceOf(Error);
  expect((error as CodedError).name).toBe(name);
  expect((error as CodedError).code).toBe(code);
  return error as T;
}

/**
 * Runs `action` and returns the error it throws (or, for a promise, rejects with) after checking
 * its class name and `code`. Fails the test when nothing is thrown. `name` defaults to
 * `'ZegoTokenError'`; pass `'TokenRequestError'` for the client's errors.
 */
export function expectCodedError<T extends CodedError = CodedError>(
  action: () => unknown,
  code: string,
  name = 'ZegoTokenError',
): T {
  let result: unknown;
  try {
    result = action();
  } catch (error) {
    return expectCoded<T>(error, code, name);
  }
  if (result instanceof Promise) {
    throw new Error('expectCodedError got a promise: use expectCodedRejection');
  }
  throw new Error(`expected a ${name} with code ${code}, but nothing was thrown`);
}

/** The asynchronous form of `expectCodedError`. */
export async function expectCodedRejection<T extends CodedError = CodedError>(
  action: Promise<unknown> | (() => Promise<unknown>),
  code: string,
  name = 'ZegoTokenError',
): Promise<T> {
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    return expectCoded<T>(error, code, name);
  }
  throw new Error(`expected a rejection with a ${name} with code ${code}, but it resolved`);
}

/** A server on a loopback port, closed (with its open connections) after the current test. */
export interface Listening {
  url: string;
  server: Server;
  close(): Promise<void>;
}

const open = new Set<Listening>();

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Serves `listener` (or an already created server) on 127.0.0.1 and an ephemeral port. Every server
 * started this way is closed after each test by the `afterEach` this module registers; `close()`
 * closes it sooner.
 */
export async function listen(listener: RequestListener | Server): Promise<Listening> {
  const server = typeof listener === 'function' ? createServer(listener) : listener;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const listening: Listening = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    close: async () => {
      open.delete(listening);
      await closeServer(server);
    },
  };
  open.add(listening);
  return listening;
}

/** Closes every server `listen` started. Registered as an `afterEach` on import. */
export async function closeAll(): Promise<void> {
  await Promise.all([...open].map((listening) => listening.close()));
}

afterEach(closeAll);

/** A CallbackSecret for the callback route's tests (not a ServerSecret: any non-empty string). */
export const CALLBACK_SECRET = 'cb-secret-7f3a9e21d05c4b68';

/**
 * ZEGO's callback signature as its documentation states it, written apart from the package: sha1 over
 * the CallbackSecret, the timestamp and the nonce, sorted by bytes and joined, in lowercase hex.
 */
export function zegoCallbackSignature(secret: string, timestamp: string, nonce: string): string {
  const sorted = [secret, timestamp, nonce].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return createHash('sha1').update(sorted.join('')).digest('hex');
}

/** The three field spellings ZEGO's products use. */
export const CALLBACK_SPELLINGS = {
  rtc: { signature: 'signature', timestamp: 'timestamp', nonce: 'nonce' },
  miniGame: { signature: 'Signature', timestamp: 'Timestamp', nonce: 'SignatureNonce' },
  digitalHuman: { signature: 'Signature', timestamp: 'Timestamp', nonce: 'Nonce' },
} as const;

/**
 * A callback body signed as ZEGO signs it: `fields` plus the signature, timestamp (now, in seconds,
 * unless given) and a nonce, in the chosen spelling (RTC's by default).
 */
export function signedCallback(
  fields: Record<string, unknown> = {},
  options: {
    secret?: string;
    timestamp?: number;
    nonce?: string;
    spelling?: keyof typeof CALLBACK_SPELLINGS;
  } = {},
): Record<string, unknown> {
  const names = CALLBACK_SPELLINGS[options.spelling ?? 'rtc'];
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? String(randomInt(1e9));
  const signature = zegoCallbackSignature(options.secret ?? CALLBACK_SECRET, timestamp, nonce);
  return { ...fields, [names.signature]: signature, [names.timestamp]: timestamp, [names.nonce]: nonce };
}

/**
 * ZEGO's documented example of `product`'s `event` (the core's CALLBACK_EXAMPLES: each names its docs_all
 * page) as a body object, 64-bit IDs exact, with `fields` laid over it and signed afresh in the product's
 * spelling: what a route with `events: true` takes as a well-typed event.
 */
export function documentedCallback(
  product: CallbackExample['product'],
  event: string,
  fields: Record<string, unknown> = {},
  options: Parameters<typeof signedCallback>[1] = {},
): Record<string, unknown> {
  const example = CALLBACK_EXAMPLES.find((candidate) => candidate.product === product && candidate.event === event);
  if (example === undefined) throw new Error(`no documented example of ${product} ${event}`);
  const body: Record<string, unknown> = { ...parseZegoCallback(example.text).raw };
  for (const naming of CALLBACK_NAMINGS) {
    delete body[naming.signature];
    delete body[naming.timestamp];
    delete body[naming.nonce];
  }
  const spelling = product === 'mini-game' ? 'miniGame' : product === 'rtc' || product === 'zim' ? 'rtc' : undefined;
  return signedCallback({ ...body, ...fields }, { spelling, ...options });
}

/**
 * A MiniGame `game_start` report (ReportType 1), built from ZEGO's documented settlement without its
 * settlement, `fields` laid over it, signed afresh: flat, so it travels as JSON or as a form.
 */
export function miniGameStart(fields: Record<string, unknown> = {}): Record<string, unknown> {
  const { DanmakuResult: _settlement, ...start } = documentedCallback('mini-game', 'game_settlement', {
    ReportType: 1,
    ...fields,
  });
  return start;
}

/** A TCP port free on 127.0.0.1 right now (the OS's choice), for a process that must be told its port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createTcpServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
