// Which file of a package each runtime loads: the export conditions it (or its platform's bundler)
// applies to an `import`, and the package.json `exports` lookup Node's algorithm does with them. The
// runtime tests bundle with these conditions and check that Deno and Bun resolve to the same file;
// docs/runtimes.md's table is checked against them.

/** The conditions applied to an `import` (`default` always matches too), by runtime. */
export const CONDITIONS = {
  /** Node.js. */
  node: ['node', 'import'],
  /** Deno 2 (a package from node_modules or `npm:`). */
  deno: ['deno', 'node', 'import'],
  /** Bun 1. */
  bun: ['bun', 'node', 'import'],
  /** wrangler's esbuild for Cloudflare Workers (esbuild adds `import`). */
  workerd: ['workerd', 'worker', 'browser', 'import'],
  /** Vercel's and Next.js's bundling for the edge runtime. */
  edgeLight: ['edge-light', 'worker', 'browser', 'import'],
} as const satisfies Record<string, readonly string[]>;

/** A runtime of `CONDITIONS`. */
export type ConditionsName = keyof typeof CONDITIONS;

/** What a package.json `exports` value can be. */
type ExportsValue = string | null | readonly ExportsValue[] | { readonly [key: string]: ExportsValue };

/**
 * The target `exports[subpath]` resolves to under `conditions` (Node's algorithm: the first key of an
 * object, in the package's order, that is `default` or one of the conditions, and whose value resolves),
 * with the conditions that led there, e.g. `{ target: './dist/web.js', path: ['import', 'default'] }`.
 * `undefined` when nothing matches. Exact subpaths only (no `*` patterns).
 */
export function resolveExport(
  exportsField: ExportsValue,
  subpath: string,
  conditions: readonly string[],
): { target: string; path: string[] } | undefined {
  const isSubpathMap =
    typeof exportsField === 'object' &&
    exportsField !== null &&
    !Array.isArray(exportsField) &&
    Object.keys(exportsField).every((key) => key.startsWith('.'));
  const entry = isSubpathMap
    ? (exportsField as Record<string, ExportsValue>)[subpath]
    : subpath === '.'
      ? exportsField
      : undefined;
  return entry === undefined ? undefined : resolveTarget(entry, conditions, []);
}

function resolveTarget(
  value: ExportsValue,
  conditions: readonly string[],
  path: string[],
): { target: string; path: string[] } | undefined {
  if (typeof value === 'string') return { target: value, path };
  if (value === null) return undefined;
  if (Array.isArray(value)) {
    for (const item of value as readonly ExportsValue[]) {
      const found = resolveTarget(item, conditions, path);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, inner] of Object.entries(value as Record<string, ExportsValue>)) {
    if (key !== 'default' && !conditions.includes(key)) continue;
    const found = resolveTarget(inner, conditions, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}
