// `zego-token/sign-out`: ending a user's access. The revocation stores the token route consults
// (its `revocation` option), in memory or in Redis. Runtime-neutral: nothing here touches a cipher.
export {
  createRedisRevocationStore,
  type RedisRevocationStoreOptions,
  type RedisSendCommand,
} from './redis.js';
export {
  createMemoryRevocationStore,
  type RevocationStoreOptions,
  type TokenAdmission,
  type TokenAdmissionRequest,
  type TokenRevocationRecord,
  type TokenRevocationStore,
} from './revocation.js';
