// Type-checks TypeScript files as a user's project would: written into a git-ignored folder under
// this package's .tmp/ (so they resolve its devDependencies and the workspace's packages), with a
// tsconfig extending the repository's strict one. Resolves to tsc's diagnostics, '' when clean.
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const TMP = fileURLToPath(new URL('../../.tmp/', import.meta.url));
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

export async function compile(
  name: string,
  files: Readonly<Record<string, string>>,
  compilerOptions: Readonly<Record<string, unknown>> = {},
): Promise<string> {
  const folder = join(TMP, name);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const [file, source] of Object.entries(files)) writeFileSync(join(folder, file), source);
  const tsconfig = {
    extends: '../../../../tsconfig.json',
    compilerOptions: { noEmit: true, ...compilerOptions },
    include: ['*.ts'],
  };
  writeFileSync(join(folder, 'tsconfig.json'), JSON.stringify(tsconfig));
  return promisify(execFile)(process.execPath, [TSC, '-p', folder, '--pretty', 'false'], { cwd: folder }).then(
    () => '',
    (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}` || String(error),
  );
}
