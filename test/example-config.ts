// The examples as the tests use them. They are plain JavaScript without declarations: the config their
// createApp takes (see examples/shared/config.js), and starting one as `node src/server.js`, the way a
// newcomer runs it, stopped after the test.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

export interface ExampleConfig {
  appId: number;
  serverSecret: string;
  tokenTtl: number;
  sessionSecret: string;
  corsOrigins?: string[];
  tokenRateLimit?: { windowMs: number; limit: number };
  /** Reverse proxies in front of the app (0: none): how many X-Forwarded-For entries to believe. */
  trustProxy?: number;
  /** Sessions and rate-limit counts in this Redis, shared by every instance using it. */
  redisUrl?: string;
  /** The CallbackSecret: with it, ZEGO's callbacks are received at POST /zego/callback. */
  callbackSecret?: string;
  /** With it, GET /api/zego/room-users calls ZEGO's DescribeUserNum (at `baseUrl`, in the tests). */
  serverApi?: { region?: string; baseUrl?: string };
  log?: (message: string) => void;
}

/** Every variable `examples/shared/config.js` reads: a test's environment sets only the ones it names. */
const EXAMPLE_VARIABLES = [
  'ZEGO_APP_ID',
  'ZEGO_SERVER_SECRET',
  'SESSION_SECRET',
  'CORS_ORIGINS',
  'DEMO_TOKEN_TTL',
  'HOST',
  'PORT',
  'TRUST_PROXY',
  'TOKEN_RATE_LIMIT',
  'REDIS_URL',
  'ZEGO_CALLBACK_SECRET',
  'ZEGO_SERVER_API',
  'ZEGO_SERVER_API_REGION',
  'ZEGO_SERVER_API_BASE_URL',
];

/** A running example: its URL, everything it printed so far, and the process. */
export interface RunningExample {
  url: string;
  output(): string;
  child: ChildProcess;
}

const running = new Set<ChildProcess>();

/**
 * Starts `node src/server.js` in `examples/<dir>` on a free loopback port and resolves once it has
 * printed its URL and `until` (stdout and stderr arrive separately, so the warnings may come after the
 * banner). Rejects if it exits first or prints nothing of the kind within 10 s. Stopped after the test.
 */
export function startExample(
  dir: 'express' | 'koa',
  env: Record<string, string>,
  until: RegExp = /\n\n$/,
): Promise<RunningExample> {
  const childEnv: Record<string, string | undefined> = { ...process.env };
  for (const name of EXAMPLE_VARIABLES) delete childEnv[name];
  const child = spawn(process.execPath, ['src/server.js'], {
    cwd: fileURLToPath(new URL(`../examples/${dir}/`, import.meta.url)),
    env: { ...childEnv, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let text = '';
  const output = () => text;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 10 s; output:\n${text}`)), 10_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const match = /open (http:\/\/\S+\/)/.exec(text);
      if (match?.[1] && until.test(text)) {
        clearTimeout(timer);
        resolve({ url: match[1], output, child });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}; output:\n${text}`));
    });
  });
}

/** Stops every example `startExample` started, and waits until they have exited. */
async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
}

afterEach(stopAll);
