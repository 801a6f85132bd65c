import { utf8ByteLength } from '../utf8.js';
import { describe, fail } from '../validate.js';

export interface RoomPayloadOptions {
  /** The room the token admits to: 1 to 127 UTF-8 bytes. */
  roomId: string;
  /** Allow logging into the room (privilege `1`). Defaults to `true`. */
  login?: boolean | undefined;
  /** Allow publishing streams (privilege `2`). Defaults to `false`. */
  publish?: boolean | undefined;
  /** The stream IDs the user may publish; `null` (the default) turns the stream check off. */
  streamIds?: readonly string[] | null | undefined;
}

const MAX_ROOM_ID_BYTES = 127;

/**
 * The payload for ZEGO's privilege ("strict") tokens:
 * `{"room_id":…,"privilege":{"1":0|1,"2":0|1},"stream_id_list":[…]|null}`.
 * Room and stream checks only apply once ZEGO has switched them on for your AppID.
 */
export function roomPayload(options: RoomPayloadOptions): string {
  if (typeof options !== 'object' || options === null) {
    fail('PAYLOAD_INVALID', `roomPayload needs an options object, got ${describe(options)}`);
  }
  const { roomId, login = true, publish = false, streamIds = null } = options;
  if (typeof roomId !== 'string' || roomId.length === 0) {
    fail('PAYLOAD_INVALID', `roomId must be a non-empty string, got ${describe(roomId)}`);
  }
  const bytes = utf8ByteLength(roomId);
  if (bytes > MAX_ROOM_ID_BYTES) {
    fail('PAYLOAD_INVALID', `roomId must be under 128 UTF-8 bytes, got ${bytes}`);
  }
  if (typeof login !== 'boolean') fail('PAYLOAD_INVALID', `login must be a boolean, got ${describe(login)}`);
  if (typeof publish !== 'boolean') fail('PAYLOAD_INVALID', `publish must be a boolean, got ${describe(publish)}`);
  if (streamIds !== null) {
    if (!Array.isArray(streamIds) || !streamIds.every((id) => typeof id === 'string' && id.length > 0)) {
      fail('PAYLOAD_INVALID', 'streamIds must be null or an array of non-empty strings');
    }
  }
  return JSON.stringify({
    room_id: roomId,
    privilege: { 1: login ? 1 : 0, 2: publish ? 1 : 0 },
    stream_id_list: streamIds === null ? null : [...streamIds],
  });
}
