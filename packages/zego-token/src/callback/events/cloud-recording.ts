// Cloud recording's documented callback as typed events: the recording status callback,
// `extended_services/cloud_recording/en/server/recording-status-callback.mdx` (Chinese:
// `extended_services/cloud_recording/zh/server/end-callback.mdx`). Its `event_type` is a number; each
// documented one is named here by its meaning, in snake case, with `eventType` keeping the number.
import { FieldReader } from './reader.js';
import type { CallbackExample, ProductCallbacks, ZegoCallbackEventBase } from './types.js';

const STATUS_PAGE = 'extended_services/cloud_recording/en/server/recording-status-callback.mdx';

/** The event name of each documented `event_type`. */
const EVENT_TYPES = {
  1: 'upload_finished',
  2: 'abnormal_end',
  3: 'image_download_failed',
  4: 'room_no_stream',
  5: 'recording_completed',
  6: 'stream_not_found',
  7: 'uploading',
  102: 'm3u8_address',
  201: 'paused',
  202: 'resumed',
} as const;

type EventTypes = typeof EVENT_TYPES;

/** A recording file's media (`media_track_type`). */
export type CloudRecordingMediaTrackType = 'audio' | 'video' | 'audio-and-video' | 'unknown';

const MEDIA_TRACK_TYPES: Readonly<Record<number, CloudRecordingMediaTrackType>> = {
  1: 'audio',
  2: 'video',
  3: 'audio-and-video',
};

/** The fields of every recording status callback. */
interface CloudRecordingEventBase<T extends keyof EventTypes>
  extends ZegoCallbackEventBase<'cloud-recording', EventTypes[T]> {
  /** `app_id`: the AppID. */
  readonly appId: number;
  /** `task_id`: the recording task's ID (16 bytes of text). */
  readonly taskId: string;
  /** `room_id`: the recorded room's ID. */
  readonly roomId: string;
  /** `event_type`, the number this event is named after. */
  readonly eventType: T;
  /** `message`: the event's description. */
  readonly message: string;
  /** `nonce`: the random number the signature covers. */
  readonly nonce: string;
  /** `timestamp`: when ZEGO sent the callback, in ms since the epoch (ZEGO sends Unix seconds, as a string). */
  readonly timestamp: number;
  /** `signature`: the callback's signature (verify it first: `verifyZegoCallback` or the callback route). */
  readonly signature: string;
  /** `sequence`: the message's sequence number, from 0. */
  readonly sequence: number;
}

/** One recorded file (`detail.file_info[]` of `upload_finished`). */
export interface CloudRecordingFileInfo {
  /** `user_id`: the publishing user's ID (in mixed-stream recording, the mixed output stream's ID). */
  readonly userId: string;
  /** `user_name`: the publishing user's nickname (in mixed-stream recording, the mixed output stream's ID). */
  readonly userName: string;
  /** `stream_id`: the recorded stream's ID (in mixed-stream recording, the mixed output stream's ID). */
  readonly streamId: string;
  /** `file_id`: the file's name (see `OutputFileRule` in Start recording). */
  readonly fileId: string;
  /** `video_id`: the video's ID on Alibaba Cloud VOD (`VideoId`) or Tencent Cloud VOD (`FileId`), else empty. */
  readonly videoId: string;
  /** `file_url`: the file's URL; absent when the storage is Qiniu Cloud or Alibaba Cloud VOD. */
  readonly fileUrl?: string;
  /** `output_file_format`: `mp4`, `flv`, `hls`, `jpg` or `aac`. */
  readonly outputFileFormat: string;
  /** `file_size`: the file's size in bytes. */
  readonly fileSize: number;
  /** `duration`: the recording's duration in ms. */
  readonly duration: number;
  /** `resolution_width`: the video's width in pixels. */
  readonly resolutionWidth: number;
  /** `resolution_height`: the video's height in pixels. */
  readonly resolutionHeight: number;
  /** `media_track_type`, named: 1 `audio` (audio only), 2 `video` (video only), 3 `audio-and-video`. */
  readonly mediaTrackType: CloudRecordingMediaTrackType;
  /** `media_track_type` as sent. */
  readonly mediaTrackTypeCode: number;
  /** `begin_timestamp`: when the stream's first signal reached the room, in ms since the epoch (ZEGO sends ms). */
  readonly beginTimestamp: number;
  /**
   * `custom_begin_timestamp`: a timestamp carried in the stream's SEI, by your own protocol (unit yours);
   * only the English page lists it.
   */
  readonly customBeginTimestamp?: number;
  /**
   * `status`, named: 3 `uploaded` (to your cloud storage), 4 `uploaded-to-backup` (your storage failed,
   * ZEGO's backup storage took it: ZEGO keeps it 3 days), 5 `upload-failed` (both failed).
   */
  readonly status: 'uploaded' | 'uploaded-to-backup' | 'upload-failed' | 'unknown';
  /** `status` as sent. */
  readonly statusCode: number;
}

/** `event_type` 1: the recorded files have been uploaded. */
export interface CloudRecordingUploadFinishedEvent extends CloudRecordingEventBase<1> {
  readonly detail: {
    /** `upload_status`, named: 1 `all-uploaded`, 2 `partly-uploaded` (a file's `status` is not 3). */
    readonly uploadStatus: 'all-uploaded' | 'partly-uploaded' | 'unknown';
    /** `upload_status` as sent. */
    readonly uploadStatusCode: number;
    /** `file_info`: the files; empty when nothing was recorded (nobody published in the room). */
    readonly fileInfo: readonly CloudRecordingFileInfo[];
  };
}

/** Why a recording task ended abnormally (`detail.quit_reason` of `abnormal_end`). */
export type CloudRecordingQuitReason =
  | 'start-failed'
  | 'room-login-failed'
  | 'idle-timeout'
  | 'max-record-time-reached'
  | 'engine-start-failed'
  | 'disconnected'
  | 'unknown-recording-error'
  | 'file-name-too-long'
  | 'file-open-failed'
  | 'insufficient-storage'
  | 'engine-init-failed'
  | 'file-header-write-failed'
  | 'file-write-ebadf'
  | 'file-write-eio'
  | 'internal-channel-error'
  | 'unsupported-file-format'
  | 'illegal-state'
  | 'unknown';

const QUIT_REASONS: Readonly<Record<number, CloudRecordingQuitReason>> = {
  1: 'start-failed',
  2: 'room-login-failed',
  3: 'idle-timeout',
  4: 'max-record-time-reached',
  5: 'engine-start-failed',
  6: 'disconnected',
  1001: 'unknown-recording-error',
  1002: 'file-name-too-long',
  1003: 'file-open-failed',
  1004: 'insufficient-storage',
  1005: 'engine-init-failed',
  1006: 'file-header-write-failed',
  1007: 'file-write-ebadf',
  1008: 'file-write-eio',
  1009: 'internal-channel-error',
  1010: 'unsupported-file-format',
  1011: 'illegal-state',
};

/** `event_type` 2: the recording task ended abnormally. */
export interface CloudRecordingAbnormalEndEvent extends CloudRecordingEventBase<2> {
  readonly detail: {
    /**
     * `quit_reason`, named: 1 `start-failed` (the recording service failed to start), 2 `room-login-failed`,
     * 3 `idle-timeout` (no stream or whiteboard for `MaxIdleTime`, 30 s by default), 4
     * `max-record-time-reached` (`MaxRecordTime`, 24 h by default), 5 `engine-start-failed`, 6
     * `disconnected`, 1001 `unknown-recording-error`, 1002 `file-name-too-long`, 1003 `file-open-failed`,
     * 1004 `insufficient-storage`, 1005 `engine-init-failed`, 1006 `file-header-write-failed`, 1007
     * `file-write-ebadf`, 1008 `file-write-eio`, 1009 `internal-channel-error`, 1010
     * `unsupported-file-format`, 1011 `illegal-state`. ZEGO advises starting the recording again for most.
     */
    readonly quitReason: CloudRecordingQuitReason;
    /** `quit_reason` as sent. */
    readonly quitReasonCode: number;
  };
}

/** `event_type` 3: a custom background or watermark image failed to download. */
export interface CloudRecordingImageDownloadFailedEvent extends CloudRecordingEventBase<3> {
  readonly detail: {
    /**
     * `image_type`, named: 1 `canvas-background` (`MixOutputBackgroundImage`), 2 `watermark`
     * (`MixOutputWatermarkImage`), 3 `default-stream-background` (`DefaultMixStreamBackgroundImage`), 4
     * `layout-stream-background` (a custom layout's `BackgroundImage`).
     */
    readonly imageType:
      | 'canvas-background'
      | 'watermark'
      | 'default-stream-background'
      | 'layout-stream-background'
      | 'unknown';
    /** `image_type` as sent. */
    readonly imageTypeCode: number;
    /** `image_url`: the image that failed to download. */
    readonly imageUrl: string;
  };
}

/**
 * `event_type` 4: the recorded room has no stream; sent within 30 s of the last stream's end, then every
 * 30 s until a stream comes or the task times out. Its `detail` is empty.
 */
export type CloudRecordingRoomNoStreamEvent = CloudRecordingEventBase<4>;

/** `event_type` 5: the recording completed (it ended normally). Its `detail` is empty. */
export type CloudRecordingRecordingCompletedEvent = CloudRecordingEventBase<5>;

/** `event_type` 6: the stream to record does not exist. */
export interface CloudRecordingStreamNotFoundEvent extends CloudRecordingEventBase<6> {
  readonly detail: {
    /** `stream_id`: the stream's ID. */
    readonly streamId: string;
  };
}

/** `event_type` 7: the recording stopped and its files are being uploaded. Its `detail` is empty. */
export type CloudRecordingUploadingEvent = CloudRecordingEventBase<7>;

/** `event_type` 102: with segments uploaded in real time, the M3U8 file's address. */
export interface CloudRecordingM3u8AddressEvent extends CloudRecordingEventBase<102> {
  readonly detail: {
    /** `stream_id`: the stream's ID. */
    readonly streamId: string;
    /** `file_id`: the file's name. */
    readonly fileId: string;
    /** `file_url`: the file's URL. */
    readonly fileUrl: string;
    /** `media_track_type`, named: 1 `audio` (audio only), 2 `video` (video only), 3 `audio-and-video`. */
    readonly mediaTrackType: CloudRecordingMediaTrackType;
    /** `media_track_type` as sent. */
    readonly mediaTrackTypeCode: number;
  };
}

/** `event_type` 201: the recording was paused. Its `detail` is empty. */
export type CloudRecordingPausedEvent = CloudRecordingEventBase<201>;

/** `event_type` 202: the recording was resumed. Its `detail` is empty. */
export type CloudRecordingResumedEvent = CloudRecordingEventBase<202>;

/** Cloud recording's typed callback events, by `event_type`'s meaning (`eventType` keeps the number). */
export type CloudRecordingCallbackEvent =
  | CloudRecordingUploadFinishedEvent
  | CloudRecordingAbnormalEndEvent
  | CloudRecordingImageDownloadFailedEvent
  | CloudRecordingRoomNoStreamEvent
  | CloudRecordingRecordingCompletedEvent
  | CloudRecordingStreamNotFoundEvent
  | CloudRecordingUploadingEvent
  | CloudRecordingM3u8AddressEvent
  | CloudRecordingPausedEvent
  | CloudRecordingResumedEvent;

function base<T extends keyof EventTypes>(r: FieldReader, eventType: T): CloudRecordingEventBase<T> {
  return {
    product: 'cloud-recording',
    event: EVENT_TYPES[eventType],
    raw: r.raw,
    appId: r.integer('app_id'),
    taskId: r.string('task_id'),
    roomId: r.string('room_id'),
    eventType,
    message: r.string('message'),
    nonce: r.string('nonce'),
    timestamp: r.seconds('timestamp'),
    signature: r.string('signature'),
    sequence: r.integer('sequence'),
  };
}

function mediaTrackType(r: FieldReader) {
  return {
    mediaTrackType: r.named('media_track_type', MEDIA_TRACK_TYPES),
    mediaTrackTypeCode: r.integer('media_track_type'),
  };
}

function fileInfo(r: FieldReader): CloudRecordingFileInfo {
  const fileUrl = r.optionalString('file_url');
  const customBeginTimestamp = r.optionalInteger('custom_begin_timestamp');
  return {
    userId: r.string('user_id'),
    userName: r.string('user_name'),
    streamId: r.string('stream_id'),
    fileId: r.string('file_id'),
    videoId: r.string('video_id'),
    ...(fileUrl === undefined ? {} : { fileUrl }),
    outputFileFormat: r.string('output_file_format'),
    fileSize: r.integer('file_size'),
    duration: r.integer('duration'),
    resolutionWidth: r.integer('resolution_width'),
    resolutionHeight: r.integer('resolution_height'),
    ...mediaTrackType(r),
    beginTimestamp: r.millis('begin_timestamp'),
    ...(customBeginTimestamp === undefined ? {} : { customBeginTimestamp }),
    status: r.named('status', { 3: 'uploaded', 4: 'uploaded-to-backup', 5: 'upload-failed' }),
    statusCode: r.integer('status'),
  };
}

function fileInfoList(detail: FieldReader): CloudRecordingFileInfo[] {
  return detail.array('file_info', (element, index) => {
    const name = `file_info[${index}]`;
    const entry = new FieldReader({ [name]: element }, detail.product, detail.event);
    return fileInfo(entry.nested(name));
  });
}

export const cloudRecordingCallbacks: ProductCallbacks<CloudRecordingCallbackEvent> = {
  product: 'cloud-recording',
  // The recording status callback's own fields: `task_id` with `event_type`, and no `event` (RTC's
  // stream-mixing and CDN callbacks carry `task_id` too, with `event`).
  detect: (raw) => {
    if (raw.task_id === undefined || raw.event_type === undefined || raw.event !== undefined) return undefined;
    const type = Number(raw.event_type);
    return Object.hasOwn(EVENT_TYPES, type) ? EVENT_TYPES[type as keyof EventTypes] : `event_type ${type}`;
  },
  events: {
    upload_finished: (r): CloudRecordingUploadFinishedEvent => {
      const detail = r.nested('detail');
      return {
        ...base(r, 1),
        detail: {
          uploadStatus: detail.named('upload_status', { 1: 'all-uploaded', 2: 'partly-uploaded' }),
          uploadStatusCode: detail.integer('upload_status'),
          fileInfo: fileInfoList(detail),
        },
      };
    },
    abnormal_end: (r): CloudRecordingAbnormalEndEvent => {
      const detail = r.nested('detail');
      return {
        ...base(r, 2),
        detail: {
          quitReason: detail.named('quit_reason', QUIT_REASONS),
          quitReasonCode: detail.integer('quit_reason'),
        },
      };
    },
    image_download_failed: (r): CloudRecordingImageDownloadFailedEvent => {
      const detail = r.nested('detail');
      return {
        ...base(r, 3),
        detail: {
          imageType: detail.named('image_type', {
            1: 'canvas-background',
            2: 'watermark',
            3: 'default-stream-background',
            4: 'layout-stream-background',
          }),
          imageTypeCode: detail.integer('image_type'),
          imageUrl: detail.string('image_url'),
        },
      };
    },
    room_no_stream: (r) => base(r, 4),
    recording_completed: (r) => base(r, 5),
    stream_not_found: (r): CloudRecordingStreamNotFoundEvent => ({
      ...base(r, 6),
      detail: { streamId: r.nested('detail').string('stream_id') },
    }),
    uploading: (r) => base(r, 7),
    m3u8_address: (r): CloudRecordingM3u8AddressEvent => {
      const detail = r.nested('detail');
      return {
        ...base(r, 102),
        detail: {
          streamId: detail.string('stream_id'),
          fileId: detail.string('file_id'),
          fileUrl: detail.string('file_url'),
          ...mediaTrackType(detail),
        },
      };
    },
    paused: (r) => base(r, 201),
    resumed: (r) => base(r, 202),
  },
};

/**
 * Cloud recording's documented example bodies (tests, `zego-token callback send`). ZEGO documents one,
 * `event_type` 1; the Chinese page shows the same text.
 */
export const cloudRecordingExamples: readonly CallbackExample[] = [
  {
    product: 'cloud-recording',
    event: 'upload_finished',
    source: STATUS_PAGE,
    contentType: 'application/json',
    text: `{
    "app_id": 1234567890, 
    "detail": {
        "file_info": [
            {
                "begin_timestamp": 1637753762084, 
                "duration": 170039, 
                "file_id": "YZ4joOE4IwmFAAAT_6677_800221_800221_VA_20211124113602084.mp4", 
                "file_size": 25349026, 
                "file_url": "file_url", 
                "media_track_type": 3, 
                "output_file_format": "mp4", 
                "resolution_height": 720, 
                "resolution_width": 1280, 
                "status": 3, 
                "stream_id": "800221", 
                "user_id": "800221", 
                "user_name": "play_800221", 
                "video_id": ""
            }
        ], 
        "upload_status": 1
    }, 
    "event_type": 1, 
    "message": "", 
    "nonce": "100480", 
    "room_id": "6677", 
    "sequence": 1, 
    "signature": "12345678987654321", 
    "task_id": "YZ4joOE4IwmFAAAT", 
    "timestamp": "1637753949"
}`,
  },
];
