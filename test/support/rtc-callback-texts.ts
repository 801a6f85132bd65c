// Two of RTC's documented callback bodies, as text exactly as ZEGO documents them: the other products'
// typed-event tests (MiniGame, cloud recording, AI Agent) check that their `detect` does not claim them.

/** `room_login`: core_products/real-time-voice-video/en/server/callback/room/logged-in.mdx */
export const RTC_ROOM_LOGIN_TEXT = `{
    "event": "room_login",
    "appid": "1",
    "timestamp": "1499676978",
    "nonce": "350176",
    "signature": "signature",
    "room_id": "rid_1242649",
    "room_name": "room#123",
    "room_seq": "6085791336856668982",
    "user_account": "888120154",
    "user_nickname": "888120154",
    "session_id": "792148503087288320",
    "login_time": "1499676978027",
    "user_role": "2",
    "auth_level": "4",
    "relogin": "0",
    "user_update_seq": "1",
    "callback_data": "user login"
}`;

/** `mix_start` (it carries `task_id`, as cloud recording's bodies do): core_products/real-time-voice-video/en/server/callback/stream-mixing/started.mdx */
export const RTC_MIX_START_TEXT = `{
    "appid": "111111",
    "channel_id": "2222",
    "event": "mix_start",
    "hdl_url": "http://hdl.wsdemo.zego.im/zegodemo/aaa.flv",
    "hdl_urls": [
        "http://hdl.wsdemo.zego.im/zegodemo/aaa.flv",
        "http://testplay.aliyun.zego.im/livestream/aaa.flv"
    ],
    "hls_url": "http://hls.wsdemo.zego.im/zegodemo/aaa/playlist.m3u8",
    "hls_urls": [
        "http://hls.wsdemo.zego.im/zegodemo/aaa/playlist.m3u8",
        "http://testplay.aliyun.zego.im/livestream/aaa.m3u8"
    ],
    "mix_stream_alias": "aaa",
    "mix_url": "rtmp://rtmp.wsdemo.zego.im/zegodemo/aaa",
    "nonce": "7257784982359218206",
    "publish_id": "abc",
    "rtmp_url": "rtmp://rtmp.wsdemo.zego.im/zegodemo/aaa",
    "rtmp_urls": [
        "rtmp://rtmp.wsdemo.zego.im/zegodemo/aaa",
        "rtmp://testplay.aliyun.zego.im/livestream/aaa"
    ],
    "seq": "123",
    "signature": "aa2f0a33831a35b65f64fdc0520b1758e491eb48",
    "stream_alias": "aaa",
    "task_id": "111111:1111",
    "timestamp": "1689834748"
}`;
