#!/usr/bin/env node
// The bin: wires the process to `run` and does nothing else.
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { run } from './run.js';

/** The package's version: dist/cli.js sits next to ../package.json, src/cli/main.ts two levels down. */
function packageVersion(): string | undefined {
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (manifest.name === 'zego-token' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // Try the next one.
    }
  }
  return undefined;
}

async function readStdin(maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(buffer);
    size += buffer.length;
    if (size > maxBytes) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}

// `zego-token explain --list | head` closes the pipe early: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  readStdin,
  stdinIsTTY: process.stdin.isTTY === true,
  version: packageVersion(),
});
