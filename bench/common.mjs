// Shared by the bench scripts: fixed inputs, statistics, and starting pinned child processes.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const APP_ID = 1234567890;
/** A throwaway 32-byte secret: the benches never use a real one. */
export const SECRET = 'fa94dd0f974cf2e293728a526b028271';
export const USER_ID = 'bench-user-0001';
export const QUICK = process.env.BENCH_QUICK === '1';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const hasTaskset = spawnSync('sh', ['-c', 'command -v taskset'], { stdio: 'ignore' }).status === 0;

/**
 * Starts `node <script> ...args` with an IPC channel, pinned to `cpu` with `taskset` where it
 * exists. Returns the child and a `request(message)` that resolves with the child's next reply.
 */
export function startChild(script, { args = [], cpu, nodeArgs = [] } = {}) {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const nodeCommand = [process.execPath, ...nodeArgs, path, ...args];
  const [command, ...rest] =
    hasTaskset && cpu !== undefined ? ['taskset', '-c', String(cpu), ...nodeCommand] : nodeCommand;
  const child = spawn(command, rest, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = [];
  let exitError;
  child.once('exit', (code, signal) => {
    exitError = new Error(`${script} exited (${signal ?? code})`);
    for (const entry of waiting.splice(0)) entry.reject(exitError);
  });
  // Replies are matched to requests in order; one that arrives before its request is kept for it.
  const inbox = [];
  const settle = (entry, message) => {
    if (message?.error) entry.reject(new Error(`${script}: ${message.error}`));
    else entry.resolve(message);
  };
  child.on('message', (message) => {
    const entry = waiting.shift();
    if (entry) settle(entry, message);
    else inbox.push(message);
  });
  /** Sends a message (or nothing, to wait for the child's first message) and awaits the reply. */
  function request(message) {
    return new Promise((resolve, reject) => {
      if (message !== undefined) child.send(message);
      if (inbox.length > 0) {
        settle({ resolve, reject }, inbox.shift());
        return;
      }
      if (exitError) {
        reject(exitError);
        return;
      }
      waiting.push({ resolve, reject });
    });
  }
  function stop() {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
  return { child, request, stop };
}

/** In a child: answer each IPC message with `handler(message)`'s result (or its error). */
export function serveIpc(handler) {
  process.on('message', async (message) => {
    try {
      process.send(await handler(message));
    } catch (error) {
      process.send({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
}

export function round(value, digits = 0) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function formatInt(value) {
  return Math.round(value).toLocaleString('en-US');
}
