// One way to name a value in a message, for every module (the token codec, the routes, the client):
// its kind and size, never the value itself, so that no secret or token ever reaches an error.

/** A short, safe description of a value for error messages: never the value itself. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') {
    // `Number(process.env.X)` with X unset or misspelt: the usual way a number option becomes NaN.
    if (Number.isNaN(value)) {
      return 'NaN, which is not a number (Number() of an unset or misspelt environment variable gives NaN)';
    }
    if (!Number.isFinite(value)) return String(value);
    return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`;
  }
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
