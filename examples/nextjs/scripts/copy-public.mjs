// Copies the shared demo page (../shared/public) and the browser build of `zego-token/client` into
// public/, where Next.js serves static files. `pnpm dev` and `pnpm build` run it first (package.json).
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PUBLIC_DIR } from '../../shared/config.js';

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));
const clientFile = fileURLToPath(import.meta.resolve('zego-token/client'));
if (!existsSync(clientFile)) {
  console.error('The zego-token packages are not built yet: run `pnpm run build` at the repository root first.');
  process.exit(1);
}

await rm(publicDir, { recursive: true, force: true });
await cp(PUBLIC_DIR, publicDir, { recursive: true });
await mkdir(`${publicDir}vendor`);
// The path the page imports (shared/public/app.js), as the Express and Koa examples serve it.
await copyFile(clientFile, `${publicDir}vendor/zego-token-client.js`);
