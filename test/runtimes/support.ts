// Running code in the real runtimes (Deno, Bun, workerd, Vercel's edge runtime) from a vitest file:
// the binaries the root devDependencies install, a free loopback port, a temporary folder, a server
// process that is waited for until it answers and killed after the file, a workerd config, and an
// esbuild bundle with a runtime's export conditions. Everything listens on 127.0.0.1 only; every
// process and folder started here is removed by the `afterAll` this module registers (and the
// processes on exit, should the file crash), so a failing test leaves nothing behind.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { freePort } from '../support/index.js';

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The runtimes whose binaries the root devDependencies install. */
export type RuntimeName = 'deno' | 'bun' | 'workerd' | 'edge-runtime';

/**
 * The path of a runtime's binary in the root `node_modules/.bin`. Throws when it is missing: a runtime
 * test never skips itself (a missing binary is a broken install, see `onlyBuiltDependencies`).
 */
export function runtimeBin(name: RuntimeName): string {
  const path = join(ROOT, 'node_modules', '.bin', name);
  if (!existsSync(path)) {
    throw new Error(`${name} is not installed at ${path}: run pnpm install (it is a root devDependency)`);
  }
  return path;
}

/** A TCP port free on 127.0.0.1 right now: the shared one, re-exported for the runtime suites. */
export { freePort };

const folders = new Set<string>();

/** A new empty folder under the OS's temporary folder, removed after the test file. */
export function tempDir(prefix = 'zego-runtime-'): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.add(folder);
  return folder;
}

/** A server process started by `startServer` (or one of the runtime helpers built on it). */
export interface RuntimeProcess {
  /** The name given to `startServer`, for messages. */
  readonly name: string;
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  /** What the process wrote so far, stdout and stderr interleaved (bounded), for failure messages. */
  output(): string;
  /** Kills the process (SIGTERM, then SIGKILL) and resolves once it has exited. Idempotent. */
  stop(): Promise<void>;
}

/** How to start a server process: see `startServer`. */
export interface StartServerOptions {
  /** For messages: `deno (zego-token/web)`, say. */
  name: string;
  command: string;
  args: readonly string[];
  /** The port the process listens on, on 127.0.0.1 (from `freePort`). */
  port: number;
  cwd?: string;
  /** Added to the test process's environment (with NO_COLOR=1). */
  env?: Record<string, string>;
  /** Requested until it answers (any HTTP status) to tell the server is up. Default `/`. */
  readyPath?: string;
  /** How long the process has to answer. Default 20 s. */
  readyTimeoutMs?: number;
}

const running = new Set<RuntimeProcess>();
/** The process groups not yet killed, for the exit handler. */
const groups = new Set<ChildProcess>();
const MAX_OUTPUT = 64 * 1024;

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Signals the child's whole process group (it was spawned detached, as the group's leader). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

/**
 * Spawns a server and waits until `GET url + readyPath` answers. Rejects, with the process's output in
 * the message, when it exits first or does not answer within `readyTimeoutMs` (and then kills it). The
 * process is killed after the test file (or sooner with `stop()`).
 */
export async function startServer(options: StartServerOptions): Promise<RuntimeProcess> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A group of its own, killed whole: the .bin shims run the runtime as their child.
    detached: true,
  });
  groups.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-MAX_OUTPUT);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  const url = `http://127.0.0.1:${options.port}`;
  const process_: RuntimeProcess = {
    name: options.name,
    url,
    port: options.port,
    output: () => output,
    async stop() {
      running.delete(process_);
      if (child.exitCode === null && child.signalCode === null) {
        killGroup(child, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 2_000);
        await exited(child);
        clearTimeout(timer);
      }
      // The shim may be gone while the runtime it started is not.
      killGroup(child, 'SIGKILL');
      groups.delete(child);
    },
  };
  running.add(process_);

  const deadline = Date.now() + (options.readyTimeoutMs ?? 20_000);
  const readyUrl = url + (options.readyPath ?? '/');
  for (;;) {
    const failure =
      spawnError?.message ??
      (child.exitCode !== null || child.signalCode !== null
        ? `exited (${child.exitCode ?? child.signalCode}) before answering`
        : Date.now() > deadline
          ? `did not answer ${readyUrl} in time`
          : undefined);
    if (failure !== undefined) {
      await process_.stop();
      throw new Error(`${options.name} ${failure}. Its output:\n${output}`);
    }
    try {
      const response = await fetch(readyUrl, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      return process_;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * Runs `start` on a free port, and once more on another when the first was taken in between (the
 * process's output says the address is in use).
 */
async function onFreePort(start: (port: number) => Promise<RuntimeProcess>): Promise<RuntimeProcess> {
  try {
    return await start(await freePort());
  } catch (error) {
    if (!/address (already )?in use|EADDRINUSE/i.test(String(error))) throw error;
    return start(await freePort());
  }
}

/** Options of `startDeno`. */
export interface StartDenoOptions {
  name: string;
  /** The module to run, a path from the repository root (it resolves packages from the root's node_modules). */
  script: string;
  /** Added to the environment; `PORT` is set to the chosen port. */
  env?: Record<string, string>;
  readyPath?: string;
}

/**
 * Runs a module with `deno run` on a free port (in `PORT`), allowed to listen on 127.0.0.1 only, to read
 * the repository and the environment, and nothing else. `--sloppy-imports` lets the test's own modules
 * import each other with `.js` specifiers, as the rest of the repository's TypeScript does; packages
 * resolve through node_modules like in any Deno project with a package.json. Deno's cache goes to a
 * temporary folder and no deno.lock is written.
 */
export async function startDeno(options: StartDenoOptions): Promise<RuntimeProcess> {
  return onFreePort((port) =>
    startServer({
      name: options.name,
      command: runtimeBin('deno'),
      args: [
        'run',
        '--no-prompt',
        '--no-lock',
        '--sloppy-imports',
        `--allow-net=127.0.0.1:${port}`,
        `--allow-read=${ROOT}`,
        '--allow-env',
        options.script,
      ],
      port,
      env: { DENO_DIR: tempDir('zego-deno-dir-'), DENO_NO_UPDATE_CHECK: '1', ...options.env, PORT: String(port) },
      ...(options.readyPath === undefined ? {} : { readyPath: options.readyPath }),
    }),
  );
}

/** Options of `startBun`: the same as `startDeno`'s. */
export type StartBunOptions = StartDenoOptions;

/** Runs a module with `bun` (no auto-install) on a free port (in `PORT`). */
export async function startBun(options: StartBunOptions): Promise<RuntimeProcess> {
  return onFreePort((port) =>
    startServer({
      name: options.name,
      command: runtimeBin('bun'),
      args: ['--no-install', 'run', options.script],
      port,
      env: { ...options.env, PORT: String(port) },
      ...(options.readyPath === undefined ? {} : { readyPath: options.readyPath }),
    }),
  );
}

/** Options of `bundle`. */
export interface BundleOptions {
  /** A module's path from the repository root, or its source (then resolved from `resolveDir`). */
  entry: string | { contents: string; resolveDir: string };
  /** Export conditions, in the order the platform lists them: `['workerd', 'worker', 'browser']` for wrangler. */
  conditions: readonly string[];
  /** `'esm'` for a Worker module, `'iife'` for a classic script (Vercel's edge runtime). Default `'esm'`. */
  format?: 'esm' | 'iife';
  /** Left as imports: `['node:*']` for a Worker with nodejs_compat. */
  external?: readonly string[];
}

/**
 * Bundles an entry with esbuild as a platform's bundler does (`platform: 'neutral'`, the given
 * conditions, `main` fields for packages without `exports`) and returns the code.
 */
export async function bundle(options: BundleOptions): Promise<string> {
  const { build } = await import('esbuild');
  const { entry } = options;
  const result = await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [join(ROOT, entry)] }
      : { stdin: { contents: entry.contents, resolveDir: entry.resolveDir, loader: 'ts' } }),
    bundle: true,
    write: false,
    platform: 'neutral',
    format: options.format ?? 'esm',
    target: 'es2022',
    conditions: [...options.conditions],
    mainFields: ['browser', 'module', 'main'],
    external: [...(options.external ?? [])],
    logLevel: 'silent',
  });
  const [file] = result.outputFiles;
  if (file === undefined) throw new Error('esbuild wrote no output');
  return file.text;
}

/** Options of `startWorkerd`. */
export interface StartWorkerdOptions {
  name: string;
  /** The Worker, one ES module (from `bundle`). */
  code: string;
  /** Default `'2025-09-01'`. */
  compatibilityDate?: string;
  /** `['nodejs_compat']` for the Node entry; none for the web one. */
  compatibilityFlags?: readonly string[];
  /** Text bindings, the Worker's `env`: `{ ZEGO_SERVER_SECRET: … }`. */
  bindings?: Record<string, string>;
  readyPath?: string;
}

/**
 * Writes the Worker and a workerd config (capnp) to a temporary folder and runs `workerd serve` with
 * one socket on 127.0.0.1 and a free port. The Worker's `fetch` reaches loopback addresses only
 * (its network service allows `local`), so that it can call a server on 127.0.0.1, itself included.
 */
export function startWorkerd(options: StartWorkerdOptions): Promise<RuntimeProcess> {
  return onFreePort((port) => serveWorkerd(options, port));
}

function serveWorkerd(options: StartWorkerdOptions, port: number): Promise<RuntimeProcess> {
  const folder = tempDir('zego-workerd-');
  writeFileSync(join(folder, 'worker.js'), options.code);
  const flags = (options.compatibilityFlags ?? []).map((flag) => JSON.stringify(flag)).join(', ');
  const bindings = Object.entries(options.bindings ?? {})
    .map(([name, text]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(text)})`)
    .join(', ');
  writeFileSync(
    join(folder, 'config.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker), (name = "loopback", network = (allow = ["local"]))],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = ${JSON.stringify(options.compatibilityDate ?? '2025-09-01')},
  compatibilityFlags = [${flags}],
  bindings = [${bindings}],
  globalOutbound = "loopback",
);
`,
  );
  return startServer({
    name: options.name,
    command: runtimeBin('workerd'),
    args: ['serve', join(folder, 'config.capnp'), '--verbose'],
    cwd: folder,
    port,
    ...(options.readyPath === undefined ? {} : { readyPath: options.readyPath }),
  });
}

/** Options of `startEdgeRuntime`. */
export interface StartEdgeRuntimeOptions {
  name: string;
  /** A classic script that calls `addEventListener('fetch', …)` (from `bundle` with `format: 'iife'`). */
  code: string;
  readyPath?: string;
}

/** Runs a script in Vercel's edge runtime (the `edge-runtime` CLI, `--listen`) on 127.0.0.1 and a free port. */
export function startEdgeRuntime(options: StartEdgeRuntimeOptions): Promise<RuntimeProcess> {
  return onFreePort((port) => serveEdgeRuntime(options, port));
}

function serveEdgeRuntime(options: StartEdgeRuntimeOptions, port: number): Promise<RuntimeProcess> {
  const script = join(tempDir('zego-edge-'), 'script.js');
  writeFileSync(script, options.code);
  return startServer({
    name: options.name,
    command: runtimeBin('edge-runtime'),
    args: ['--listen', script, '--host', '127.0.0.1', '--port', String(port)],
    port,
    ...(options.readyPath === undefined ? {} : { readyPath: options.readyPath }),
  });
}

/** Stops every process and removes every folder this module started. Registered as an `afterAll`. */
export async function cleanUp(): Promise<void> {
  await Promise.all([...running].map((process_) => process_.stop()));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders.clear();
}

afterAll(cleanUp);
process.once('exit', () => {
  for (const child of groups) killGroup(child, 'SIGKILL');
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
