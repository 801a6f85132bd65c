import { describe, expect, it } from 'vitest';
import { expectCodedError } from '../../../../../test/support/index.js';
import { RTC_MIX_START_TEXT, RTC_ROOM_LOGIN_TEXT } from '../../../../../test/support/rtc-callback-texts.js';
import { cloudRecordingCallbacks, cloudRecordingExamples } from './cloud-recording.js';
import { parseZegoCallback } from './parse.js';

const uploaded = cloudRecordingExamples.find((example) => example.event === 'upload_finished');
if (uploaded === undefined) throw new Error('the upload_finished example is missing');
const uploadedBody = JSON.parse(uploaded.text) as Record<string, unknown>;

/** The example's body with other top-level fields (`detail: undefined` drops it). */
function body(changes: Record<string, unknown>): string {
  return JSON.stringify({ ...uploadedBody, ...changes });
}

/** The example's one file_info entry with other fields. */
function exampleFile(changes: Record<string, unknown>): Record<string, unknown> {
  return { ...(uploadedBody.detail as { file_info: Record<string, unknown>[] }).file_info[0], ...changes };
}

// The example's fields every event shares, typed by hand (timestamp: the string "1637753949", seconds, to ms).
const EXAMPLE_FIELDS = {
  appId: 1234567890,
  taskId: 'YZ4joOE4IwmFAAAT',
  roomId: '6677',
  message: '',
  nonce: '100480',
  timestamp: 1_637_753_949_000,
  signature: '12345678987654321',
  sequence: 1,
};

describe('cloud recording status callbacks', () => {
  it("parses ZEGO's documented example (event_type 1) to its typed event", () => {
    expect(uploaded.source).toBe('extended_services/cloud_recording/en/server/recording-status-callback.mdx');
    expect(parseZegoCallback(uploaded.text)).toEqual({
      product: 'cloud-recording',
      event: 'upload_finished',
      raw: uploadedBody,
      eventType: 1,
      ...EXAMPLE_FIELDS,
      detail: {
        uploadStatus: 'all-uploaded',
        uploadStatusCode: 1,
        fileInfo: [
          {
            userId: '800221',
            userName: 'play_800221',
            streamId: '800221',
            fileId: 'YZ4joOE4IwmFAAAT_6677_800221_800221_VA_20211124113602084.mp4',
            videoId: '',
            fileUrl: 'file_url',
            outputFileFormat: 'mp4',
            fileSize: 25349026,
            duration: 170039,
            resolutionWidth: 1280,
            resolutionHeight: 720,
            mediaTrackType: 'audio-and-video',
            mediaTrackTypeCode: 3,
            beginTimestamp: 1637753762084,
            status: 'uploaded',
            statusCode: 3,
          },
        ],
      },
    });
  });

  it.each([
    [2, { quit_reason: 1004 }, 'abnormal_end', { quitReason: 'insufficient-storage', quitReasonCode: 1004 }],
    [
      3,
      { image_type: 2, image_url: 'https://example.com/w.png' },
      'image_download_failed',
      { imageType: 'watermark', imageTypeCode: 2, imageUrl: 'https://example.com/w.png' },
    ],
    [6, { stream_id: 's1' }, 'stream_not_found', { streamId: 's1' }],
    [
      102,
      { stream_id: 's1', file_id: 'f.m3u8', file_url: 'https://example.com/f.m3u8', media_track_type: 1 },
      'm3u8_address',
      {
        streamId: 's1',
        fileId: 'f.m3u8',
        fileUrl: 'https://example.com/f.m3u8',
        mediaTrackType: 'audio',
        mediaTrackTypeCode: 1,
      },
    ],
    // The events whose detail is empty by the docs have no typed detail.
    [4, {}, 'room_no_stream', undefined],
    [5, {}, 'recording_completed', undefined],
    [7, {}, 'uploading', undefined],
    [201, {}, 'paused', undefined],
    [202, {}, 'resumed', undefined],
  ])('parses event_type %i with its documented detail', (eventType, detail, event, typed) => {
    const text = body({ event_type: eventType, detail });
    expect(parseZegoCallback(text)).toEqual({
      product: 'cloud-recording',
      event,
      raw: JSON.parse(text),
      eventType,
      ...EXAMPLE_FIELDS,
      ...(typed === undefined ? {} : { detail: typed }),
    });
  });

  it('names undocumented codes unknown, keeps their numbers, and reads the optional file fields', () => {
    const file = exampleFile({ status: 9, media_track_type: 7, custom_begin_timestamp: 42 });
    delete file.file_url;
    const event = parseZegoCallback(body({ detail: { upload_status: 2, file_info: [file] } }));
    if (event.product !== 'cloud-recording' || event.event !== 'upload_finished') throw new Error(event.event);
    expect(event.detail.uploadStatus).toBe('partly-uploaded');
    expect(event.detail.fileInfo[0]).toMatchObject({
      status: 'unknown',
      statusCode: 9,
      mediaTrackType: 'unknown',
      mediaTrackTypeCode: 7,
      customBeginTimestamp: 42,
    });
    expect(event.detail.fileInfo[0]).not.toHaveProperty('fileUrl');
  });

  it.each([
    ['sequence', { sequence: 'first' }],
    ['timestamp', { timestamp: 'now' }],
    ['detail', { detail: 'none' }],
    ['file_info', { detail: { upload_status: 1, file_info: {} } }],
    ['file_info[0]', { detail: { upload_status: 1, file_info: [7] } }],
    ['file_size', { detail: { upload_status: 1, file_info: [exampleFile({ file_size: '25 MB' })] } }],
  ])('throws CALLBACK_EVENT_INVALID naming %s when it has the wrong type', (name, changes) => {
    const error = expectCodedError(() => parseZegoCallback(body(changes)), 'CALLBACK_EVENT_INVALID');
    expect(error.message).toContain(`${name} must be`);
  });

  it('passes an event_type the docs do not list through as unknown', () => {
    const text = body({ event_type: 8 });
    expect(parseZegoCallback(text)).toEqual({ product: 'unknown', event: '8', raw: JSON.parse(text) });
  });

  it.each([
    ['room_login', RTC_ROOM_LOGIN_TEXT],
    ['mix_start (with task_id)', RTC_MIX_START_TEXT],
  ])("does not claim RTC's documented %s body", (_name, text) => {
    expect(cloudRecordingCallbacks.detect(JSON.parse(text))).toBeUndefined();
    expect(parseZegoCallback(text).product).not.toBe('cloud-recording');
  });
});
