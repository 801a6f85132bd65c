// `vitest run` runs every project (`pnpm test`, CI); `vitest run --project unit` is the fast loop
// (`pnpm test:unit`). The other projects are named by what they need or cost beyond the unit loop;
// CONTRIBUTING.md ("Tests") says what to install for each. All of them test the built packages.
import { configDefaults, defineConfig } from 'vitest/config';

/** tsc over the documentation's TypeScript blocks and over the declarations: seconds of CPU per file. */
const TYPES = [
  'test/docs/package-readmes.test.ts',
  'test/docs/auth-wiring.test.ts',
  'test/readme.test.ts',
  'packages/*/test/docs.test.ts',
  'packages/fastify-zego-token/test/types.test.ts',
];
/** Chromium. */
const BROWSER = ['test/browser/**/*.test.ts'];
/** redis-server. */
const REDIS = ['test/redis/**/*.test.ts'];
/** Deno, Bun, workerd and edge-runtime, and the examples that run in one of them. */
const RUNTIMES = [
  'test/runtimes/**/*.test.ts',
  'examples/cloudflare-worker/test/**/*.test.ts',
  'examples/supabase-edge/test/**/*.test.ts',
];
/** Load, faults under load and hostile input against every host: minutes on two cores. */
const RELIABILITY = ['test/reliability/**/*.test.ts'];
/** The example apps run as their own processes, the Next.js and SvelteKit ones through their builds. */
const EXAMPLES = ['test/examples.test.ts', 'test/nextjs.test.ts', 'test/sveltekit.test.ts'];

/** A project that runs after `unit` in the full run, with Vitest's default number of workers. */
function later(name: string, include: string[]) {
  return { extends: true as const, test: { name, include, sequence: { groupOrder: 1 } } };
}

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Everything the others leave: the units beside their sources, each package's own tests, the
          // conformance suites, the other documentation checks and the smoke imports of the builds.
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
            'examples/*/test/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          exclude: [
            ...configDefaults.exclude,
            ...TYPES,
            ...BROWSER,
            ...REDIS,
            ...RUNTIMES,
            ...RELIABILITY,
            ...EXAMPLES,
          ],
          // One worker per core, not Vitest's default of one fewer (a single worker on two cores): these
          // files spend much of their time waiting on child processes and loopback sockets. A project
          // with its own maxWorkers needs a group of its own, so `unit` runs first in the full run.
          maxWorkers: '100%',
          sequence: { groupOrder: 0 },
        },
      },
      later('types', TYPES),
      later('browser', BROWSER),
      later('redis', REDIS),
      later('runtimes', RUNTIMES),
      later('reliability', RELIABILITY),
      later('examples', EXAMPLES),
    ],
  },
});
