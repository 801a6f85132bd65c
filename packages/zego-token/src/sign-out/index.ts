// `zego-token/sign-out`: ending a user's access. The revocation stores the token route consults
// (its `revocation` option), in memory or in Redis, and room presence kept from ZEGO's callbacks. Runtime-neutral: nothing here touches a cipher.

export {
  type BanUserOptions,
  createSignOut,
  type ForbidRuleReport,
  type SignOutCallOptions,
  type SignOutFailure,
  type SignOutOptions,
  type SignOutPiece,
  type SignOutReport,
  type SignOutStep,
  type ZegoSignOut,
  ZegoSignOutIncompleteError,
} from './moderation.js';
export {
  createMemoryRoomPresenceStore,
  type RoomPresenceStore,
  type RoomPresenceStoreOptions,
  type RoomPresenceUpdate,
  type UserRooms,
} from './presence.js';
export {
  createRedisRoomPresenceStore,
  type RedisRoomPresenceStoreOptions,
} from './presence-redis.js';
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
