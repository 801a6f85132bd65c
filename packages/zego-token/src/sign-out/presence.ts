// Placeholder: the presence stores land from the `presence` branch; the interface is theirs.
import type { ZegoCallbackEvent } from '../callback/events/parse.js';

export interface UserRooms {
  readonly rtc: readonly string[];
  readonly zim: readonly string[];
}
export type RoomPresenceUpdate = 'applied' | 'stale' | 'ignored';
export interface RoomPresenceStore {
  apply(event: ZegoCallbackEvent): Promise<RoomPresenceUpdate>;
  roomsOf(userId: string): Promise<UserRooms>;
  usersIn(product: 'rtc' | 'zim', roomId: string): Promise<readonly string[]>;
}
