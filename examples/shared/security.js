// Security decisions shared by the Express and Koa examples, written once so that the two apps
// cannot drift apart. Each app only wires them into its framework.

/**
 * The token route's rate-limit key. A signed-in user's requests count against the user, wherever they
 * come from; only anonymous requests (which get 401 anyway) count against the client address. Keyed
 * by address alone, anonymous requests from a shared address (an office NAT, a proxy that is not
 * trusted) would use up the allowance of every user behind it.
 * @param {string | undefined} userId The signed-in user, if any.
 * @param {string} clientAddress The client's address, as the app's proxy settings determine it.
 */
export function tokenRateLimitKey(userId, clientAddress) {
  return userId === undefined ? `address:${clientAddress}` : `user:${userId}`;
}
