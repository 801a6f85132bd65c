// The example apps' processes, for the tests that build and start them (test/nextjs.test.ts,
// test/sveltekit.test.ts): a build step run to its end, and servers stopped after the tests.
import { type ChildProcess, spawn } from 'node:child_process';

/** Runs `node args` in `cwd` with `env`; resolves with what it printed, rejects with it when it fails. */
export function runNode(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`)),
    );
  });
}

/**
 * Stops every server in `children` (each spawned `detached`, in its own process group) and whatever it
 * started, and waits until each has exited; empties the list.
 */
export async function stopAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.splice(0).map((child) => {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return undefined;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      return exited;
    }),
  );
}
