import { defineConfig } from 'tsup';

// Each entry is built from one runtime folder (src/node/ or src/web/) or from the client, as its own
// unsplit file, so that `dist/web.*`, `dist/adapter.web.*`, `dist/server-api.web.*` and `dist/client.*` never pull in a chunk
// that imports `node:crypto`. package.json's `exports` says which file each import resolves to.
const shared = {
  format: ['esm', 'cjs'],
  dts: true,
  splitting: false,
  sourcemap: false,
  clean: false,
  target: 'node20',
  // 'node' makes esbuild annotate the CJS build's exports (`0 && (module.exports = {…})`), so that
  // Node's CJS export detection finds the names when an ES module imports a .cjs file. Nothing in any
  // entry imports a bare Node module, so the web builds and the client stay free of Node.
  platform: 'node',
  external: [/^node:/],
} as const;

export default defineConfig([
  {
    ...shared,
    entry: {
      index: 'src/node/index.ts',
      adapter: 'src/node/adapter.ts',
      'server-api': 'src/node/server-api.ts',
      'server-api.web': 'src/web/server-api.ts',
      'sign-out': 'src/sign-out/index.ts',
      testing: 'src/testing/index.ts',
      web: 'src/web/index.ts',
      'adapter.web': 'src/web/adapter.ts',
      client: 'src/client/index.ts',
    },
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
