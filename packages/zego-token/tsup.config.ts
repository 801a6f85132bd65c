import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library, its Web Crypto build and the browser client: each entry is its own unsplit file,
    // so `dist/web.*` and `dist/client.*` never pull in a chunk that imports `node:crypto`.
    entry: { index: 'src/index.ts', web: 'src/web/index.ts', client: 'src/client/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    splitting: false,
    sourcemap: false,
    clean: false,
    target: 'node20',
    // 'node' makes esbuild annotate the CJS build's exports (`0 && (module.exports = {…})`), so that
    // Node's CJS export detection finds the names when an ES module imports dist/index.cjs.
    // Nothing in any entry imports a bare Node module, so the web build and the client stay free of Node.
    platform: 'node',
    external: [/^node:/],
  },
  {
    // The command line: ESM only, no declarations (it is a bin, not an import).
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    splitting: false,
    clean: false,
    target: 'node20',
    platform: 'node',
  },
]);
