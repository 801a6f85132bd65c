// What the token route and the callback route read alike: how an option error names the option, the
// `path` and function options, the environment, and handing a failure to `onError`. Neutral (no
// `node:` import): both entries use it.
import { describe, fail } from '../validate.js';

/** How option errors name the option, for the validators' messages. */
export function option(name: string): string {
  return `zego-token option \`${name}\``;
}

export function optionFail(name: string, message: string): never {
  return fail('OPTION_INVALID', `${option(name)} ${message}`);
}

/**
 * `process.env` where the runtime has one (Node, Deno, Bun, Vercel's edge runtime, Workers with
 * nodejs_compat); `undefined` where `process` does not exist (Workers without it), so that a
 * missing option is reported as missing there too rather than as a ReferenceError.
 */
export function environment(): Readonly<Record<string, string | undefined>> | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
}

/** A route's `path`: `fallback` when left out, else a path starting with "/" and without query or fragment. */
export function readPath(value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\/[^\s?#]*$/.test(value)) {
    optionFail('path', `must be a path starting with "/" (no query or fragment), got ${describe(value)}`);
  }
  return value;
}

export function readFunction<T>(name: string, value: T, required: boolean): T {
  if ((value !== undefined || required) && typeof value !== 'function') {
    optionFail(name, `must be a function, got ${describe(value)}`);
  }
  return value;
}

/** Hands a failure to `onError`, if any. Whatever it throws is ignored: logging never changes a response. */
export function report<TArgs extends readonly unknown[]>(
  onError: ((error: unknown, ...args: TArgs) => void) | undefined,
  error: unknown,
  args: TArgs,
): void {
  if (!onError) return;
  try {
    onError(error, ...args);
  } catch {
    // Documented: ignored.
  }
}

/** The `onError` option as it was given, for reporting options that could not be read (a lazy route's). */
export function givenOnError<TArgs extends readonly unknown[]>(
  options: unknown,
): ((error: unknown, ...args: TArgs) => void) | undefined {
  if (typeof options !== 'object' || options === null) return undefined;
  const { onError } = options as { onError?: unknown };
  return typeof onError === 'function' ? (onError as (error: unknown, ...args: TArgs) => void) : undefined;
}
