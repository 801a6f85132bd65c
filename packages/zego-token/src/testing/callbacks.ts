// Callbacks as ZEGO sends them: a documented example body (callback/events/examples.ts) with the
// caller's fields set, signed with the CallbackSecret the way `zego-token callback send` signs it, and
// POSTed. Also the room_login / room_logout bodies for the stand-in's room changes.
import { parseCallbackBody } from '../callback/body.js';
import { CALLBACK_EXAMPLES } from '../callback/events/examples.js';
import type { CallbackExample } from '../callback/events/types.js';
import { CALLBACK_NAMINGS } from '../callback/signature.js';
import {
  callbackRequest,
  type FieldValue,
  matchCallbackExample,
  PRODUCT_NAMING,
  setFormFields,
  setJsonFields,
  signCallbackText,
} from '../cli/callback-text.js';
import { fail } from '../validate.js';
import type { StandInRoomChange } from './model.js';

/** Which callback: an event name (`'room_login'`), or its product too where two products share it (`room_create`). */
export type StandInCallbackEvent = string | { readonly product: string; readonly event: string };

/** What the callback route answered. */
export interface StandInCallbackResult {
  readonly status: number;
  /** The answer's text (at most 64 KiB of it). */
  readonly body: string;
}

const TIMEOUT_MS = 10_000;
const MAX_ANSWER_CHARACTERS = 64 * 1024;

function findExample(which: StandInCallbackEvent): CallbackExample {
  const { product, event } = typeof which === 'string' ? { product: undefined, event: which } : which;
  const match = matchCallbackExample(CALLBACK_EXAMPLES, event, product);
  if (match !== undefined && 'sharedBy' in match) {
    fail('OPTION_INVALID', `${event} is an event of ${match.sharedBy.join(' and ')}: pass { product, event }`);
  }
  if (match === undefined) {
    fail(
      'OPTION_INVALID',
      `no documented example for ${JSON.stringify(event)}${product === undefined ? '' : ` of ${product}`}: see \`zego-token callback send --list\``,
    );
  }
  return match.example;
}

/** The example's text with `fields` set (a 64-bit number as a string stays exact) and signed. */
export function signedCallback(
  which: StandInCallbackEvent,
  fields: Readonly<Record<string, FieldValue>>,
  secret: string,
  nowMs: number,
): { text: string; contentType: CallbackExample['contentType'] } {
  const example = findExample(which);
  const entries = Object.entries(fields);
  const text =
    example.contentType === 'application/json'
      ? setJsonFields(example.text, entries)
      : setFormFields(example.text, entries);
  const body = { text, contentType: example.contentType };
  const naming = CALLBACK_NAMINGS.find(({ naming }) => naming === PRODUCT_NAMING[example.product]);
  if (naming === undefined) fail('OPTION_INVALID', `no signature naming for ${example.product}'s callbacks`);
  return {
    text: signCallbackText(body, parseCallbackBody(body), naming, secret, nowMs).text,
    contentType: body.contentType,
  };
}

/** POSTs a signed body; resolves with the status and the answer's text, rejects when there is no answer. */
export async function postCallback(
  url: string,
  signed: { text: string; contentType: string },
): Promise<StandInCallbackResult> {
  const response = await fetch(callbackRequest(url, signed, TIMEOUT_MS));
  const body = (await response.text()).slice(0, MAX_ANSWER_CHARACTERS);
  return Object.freeze({ status: response.status, body });
}

/** The `room_login` or `room_logout` fields ZEGO sends for a room change (its times in ms, as ZEGO sends them). */
export function roomChangeFields(appId: number, change: StandInRoomChange): Record<string, FieldValue> {
  const { room, user } = change;
  const shared: Record<string, FieldValue> = {
    appid: String(appId),
    room_id: room.roomId,
    room_seq: room.roomSeq,
    user_account: user.userId,
    user_nickname: user.userName,
    session_id: user.sessionId,
    login_time: String(user.loginTime),
    user_update_seq: String(room.userUpdateSeq),
    // 2, audience: Express users have no role (the field is LiveRoom's).
    user_role: '2',
  };
  if (change.kind === 'login') {
    return { ...shared, room_name: room.roomId, relogin: change.relogin ? '1' : '0', callback_data: '' };
  }
  return { ...shared, logout_time: String(change.logoutTime), reason: String(change.reason) };
}
