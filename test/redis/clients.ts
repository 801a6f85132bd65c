// The two Redis clients apps use, node-redis and ioredis, each as the `sendCommand` the stores of
// `zego-token/sign-out` take; every client a test opens is closed after it.
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { afterEach } from 'vitest';
import type { RedisSendCommand } from 'zego-token/sign-out';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.allSettled(closers.splice(0).map((close) => close()));
});

/** A client of each kind on `url`, as `sendCommand` for a store; closed after the test. */
export const CLIENTS: Record<'node-redis' | 'ioredis', (url: string) => Promise<RedisSendCommand>> = {
  'node-redis': async (url) => {
    // No offline queue and no reconnect wait: a command while Redis is down fails at once.
    const client = createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy: 50 } });
    client.on('error', () => {});
    await client.connect();
    closers.push(() => client.destroy() as unknown as Promise<void>);
    return (args) => client.sendCommand(args);
  },
  ioredis: async (url) => {
    const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => 50 });
    client.on('error', () => {});
    await new Promise((resolve) => client.once('ready', resolve));
    closers.push(async () => client.disconnect());
    return (args) => client.call(args[0] as string, ...args.slice(1));
  },
};
