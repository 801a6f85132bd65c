// A real Redis for the tests (Debian's `redis-server`): each test starts its own on a free loopback port,
// with persistence off, and it is stopped after the test whatever happens. Outside CI a missing
// redis-server skips the suites that need it, with the reason; in CI (CI set) it fails.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { afterEach } from 'vitest';
import { freePort } from '../support/index.js';

export const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? 'redis-server';
export const hasRedis = spawnSync(REDIS_SERVER, ['--version'], { stdio: 'ignore' }).status === 0;
export const inCI = (process.env.CI ?? '') !== '' && process.env.CI !== 'false' && process.env.CI !== '0';
export const MISSING_REDIS = `no ${REDIS_SERVER}: install it (Debian: apt-get install redis-server) or set REDIS_SERVER_PATH`;

/** A redis-server of the test's own. */
export interface TestRedis {
  /** `redis://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** Stops it (SIGTERM, then SIGKILL if it lingers) and resolves once it has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty: nothing is persisted) and resolves once it answers. */
  restart(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open, nothing is answered. */
  pause(): void;
  /** Lets a frozen one go on (SIGCONT). */
  resume(): void;
}

const BOUND_MS = 10_000;
const running = new Set<ChildProcess>();

/** True when a Redis on this port answers PING. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

function launch(port: number): ChildProcess {
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    // A frozen one must run again to act on SIGTERM.
    child.kill('SIGCONT');
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function untilAnswering(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + BOUND_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server on port ${port} exited with ${child.exitCode}`);
    if (await answersPing(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server on port ${port} did not answer PING within ${BOUND_MS / 1000} s`);
}

/**
 * Launches a redis-server on a free port. Another process may take the port before redis-server binds
 * it: then it exits, and a new port is tried.
 */
async function launchOnFreePort(): Promise<{ port: number; child: ChildProcess }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = launch(port);
    try {
      await untilAnswering(port, child);
      return { port, child };
    } catch (error) {
      await stopProcess(child);
      if (attempt === 3) throw error;
    }
  }
}

/** Starts a redis-server on a free loopback port, persistence off; stopped after the current test. */
export async function startRedis(): Promise<TestRedis> {
  const launched = await launchOnFreePort();
  const { port } = launched;
  let { child } = launched;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => stopProcess(child),
    restart: async () => {
      await stopProcess(child);
      child = launch(port);
      await untilAnswering(port, child);
    },
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
  };
}

afterEach(async () => {
  await Promise.all([...running].map(stopProcess));
});
