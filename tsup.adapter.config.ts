import { defineConfig } from 'tsup';

/** The build of each adapter package: one entry, ESM and CJS with declarations. */
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  splitting: false,
  clean: true,
  target: 'node20',
  platform: 'node',
});
