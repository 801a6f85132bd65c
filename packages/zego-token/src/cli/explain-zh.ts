// The Chinese texts of `zego-token explain` (`--lang zh`), keyed by the same codes as explain-table.ts
// (and, for the Server API return codes, server-api-codes-zh.ts). Only the texts change: codes, the
// links between them and the output's structure stay the English table's. The SDK codes' meanings
// follow ZEGO's own Chinese error-code pages (ZEGOCLOUD/docs_all: real-time-voice-video/zh/ios-oc and
// web client-sdk/error-code.mdx, zim/zh SDK Error Codes/ZIM.mdx, mini_game/zh Return Codes.mdx); a test
// checks that every English entry has a Chinese one, and no more.
import type { ZegoTokenErrorCode } from '../node/index.js';
import { SERVER_API_RETURN_CODES_ZH } from './server-api-codes-zh.js';

export interface LocalizedText {
  meaning: string;
  cause: string;
  fix: string;
}

/** Like LocalizedText, plus a problem's few-word title. */
export interface LocalizedProblemText extends LocalizedText {
  title: string;
}

const DECODE_HINT = 'zego-token decode <token> --app-id <AppID> --user-id <userID>';
const RENEW =
  '每次登录都向服务端获取新的 Token，并在过期前更新：SDK 会在过期前 30 秒发出通知' +
  '（原生 onRoomTokenWillExpire -> renewToken(roomID, token)；Web 与 ZIM tokenWillExpire -> renewToken(token)；' +
  'MiniGame tokenWillExpire -> updateToken(token)）。';
const NOT_TOKEN = '不是 Token 错误。';

export const SDK_CODES_ZH: Readonly<Record<number, LocalizedText>> = {
  1002033: {
    meaning: '登录房间鉴权失败：Token 错误或已过期。',
    cause:
      'ZEGO 无法接受传给 loginRoom 的 Token。最常见的原因是生成 Token 用的 ServerSecret 不属于该 AppID（其他项目的 ServerSecret，或为其他应用生成的 Token），或 Token 在传给客户端的途中被截断、改动，或已过期。',
    fix: `用客户端所用 AppID 的 ServerSecret 解码：${DECODE_HINT}。如果无法解密，请从 ZEGO 控制台复制该 AppID 的 ServerSecret 到服务端配置中。`,
  },
  1002067: {
    meaning: '未传入 Token：创建引擎时未传递 AppSign，登录房间时也未传递 Token。',
    cause: '房间配置中的 Token 为空，通常是客户端向 Token 接口的请求失败了。',
    fix: '在 loginRoom 之前从服务端获取 Token 并传入房间配置；检查该请求是否成功。',
  },
  1002074: {
    meaning: 'Token 内部错误。',
    cause: 'ZEGO 服务端处理 Token 失败，且未说明原因。',
    fix: `先排除常见问题（${DECODE_HINT}）；若 Token 能解码且有效，请带上 AppID 和发生时间联系 ZEGO 技术支持。`,
  },
  1002075: {
    meaning: 'Token 格式错误：Token 内的 payload 不是 JSON。',
    cause: '生成 Token 时传入的 payload 字符串不是合法的 JSON。',
    fix: "生成 Token 时使用 JSON 格式的 payload（--payload '{...}' 或 --room ID），或不传 payload；zego-token decode 可显示 Token 携带的 payload。",
  },
  1002076: {
    meaning: 'Token 中的 AppID 与 SDK 使用的 AppID 不一致，或 AppID 类型错误。',
    cause: '服务端生成 Token 用的 AppID 与客户端创建引擎用的不同：测试项目与正式项目混用，或把 AppID 作为字符串传入。',
    fix: '使用客户端所用的 AppID（数字类型）生成 Token。检查方法：zego-token decode <token> --app-id <客户端 AppID>。',
  },
  1002077: {
    meaning: 'Token 中的 userID 与登录使用的 userID 不一致，或 userID 类型错误。',
    cause:
      'Token 是为另一个用户生成的，而不是传给 loginRoom 的用户：缓存了上一个用户的 Token，或 ID 在传递中被去除空白、改变大小写或在数字与字符串之间转换。',
    fix: 'Token 中的 userID 必须与登录时传入的 userID 逐字节一致。请为该用户生成 Token；检查方法：zego-token decode <token> --user-id <登录 userID>。',
  },
  1002078: {
    meaning: 'Token 已过期，或有效期参数类型错误。',
    cause:
      '已超过过期时间：生成太久或有效期太短、未及时更新，或生成 Token 的服务器时钟偏慢（时钟偏慢时生成的 Token 会提前过期）。',
    fix: `${RENEW}保持生成 Token 的服务器时钟同步（NTP）。`,
  },
  1002079: {
    meaning: 'Token 版本错误。',
    cause: '该字符串不是 Token04：旧版 Token 格式，或根本不是 Token（误传了 ServerSecret 或 AppSign）。',
    fix: '生成 Token04（以 "04" 开头）；zego-token inspect <token> 可显示版本。',
  },
  1002080: {
    meaning: 'Token 的 nonce 参数类型错误。',
    cause: '自行编写的生成代码把 nonce 写成了字符串或非整数。',
    fix: '使用本包或 ZEGO 的 Token 生成代码：nonce 必须为整数。',
  },
  1002082: {
    meaning: '更新房间的 Token 没有推流权限。',
    cause: 'renewToken 收到的权限 Token 的 payload 禁止推流（"2": 0），而该用户正在推流。',
    fix: '生成带推流权限的新 Token：zego-token generate ... --room <roomID> --publish。',
  },
  1002013: {
    meaning: '传给 loginRoom 的房间 ID 过长：128 字节或以上。这不是 Token 错误，但常由 Token 引起。',
    cause:
      '常见原因是把 Token04（约 150 到 200 个字符）当作房间 ID 传入：参数顺序错了，例如 UIKit 的 generateKitTokenForProduction(appID, token, roomID, userID, userName) 中 Token 在房间 ID 之前。否则是由较长部分拼成的房间 ID。',
    fix: '把 Token 作为 Token 传入，把房间自己的 ID（小于 128 字节，符合 ZEGO 字符集）作为房间 ID。使用 UIKit 时，用 toKitToken({ token, appId, roomId, userId, userName }) 生成 Kit Token，它会拒绝被当作房间 ID 的 Token（KIT_TOKEN_INVALID）。',
  },
  1002056: {
    meaning: '由于 Token 过期，被踢出房间（ZEGO 为该 AppID 开启了踢出模式时）。',
    cause: '用户在房间内时 Token 过期，且未及时更新。',
    fix: RENEW,
  },
  1003072: {
    meaning: '推流鉴权错误。',
    cause:
      '创建引擎时传递的 AppSign 错误，或登录房间时传递的 Token 错误或过期；使用权限 Token 时，未允许推流或未列出该流。',
    fix: `登录时传入有效的 Token 并及时更新；权限 Token 请用 --publish 生成。${DECODE_HINT} 可显示 Token 允许的操作。`,
  },
  1004003: {
    meaning: '拉流鉴权错误。',
    cause: 'Token 错误或过期，例如跨 App 拉流时。',
    fix: `传入有效的 Token 并及时更新；用 ${DECODE_HINT} 检查。`,
  },
  1102016: {
    meaning: '登录 Token 格式有误。',
    cause:
      '作为 Token 传入的字符串不是格式正确的 Token04：被截断、带了引号、在途中被 URL 编码（"+" 变成空格），或根本不是 Token。',
    fix: '按服务端返回的原样传入 Token；zego-token inspect <token> 可指出其结构的问题。',
  },
  1102018: {
    meaning: '登录 Token 过期。',
    cause: '已超过过期时间：未更新、有效期太短，或生成 Token 的服务器时钟偏慢。',
    fix: RENEW,
  },
  6000101: {
    meaning: '登录失败，Token 无效或 AppID 错误。',
    cause:
      '传给 zim.login 的 Token 是为其他 AppID 生成的、所用 ServerSecret 不属于该 AppID，或不是 Token；或 ZIM 实例创建时用了错误的 AppID。',
    fix: `用生成 Token 时的 AppID 创建 ZIM，并检查 Token：${DECODE_HINT}。`,
  },
  6000103: {
    meaning: 'Token 无效。',
    cause: 'ZIM 无法校验该 Token：生成所用 ServerSecret 不属于该 AppID、为其他 AppID 或用户生成，或格式错误。',
    fix: `用传给 zim.login 的 AppID 和 userID 解码：${DECODE_HINT}。`,
  },
  6000106: {
    meaning: 'Token 过期。',
    cause: '已超过过期时间。未更新时 ZIM 会断开连接（connectionStateChanged，事件 TokenExpired）。',
    fix: RENEW,
  },
  6000107: {
    meaning: 'Token 版本号错误。',
    cause: '该字符串不是 Token04（旧版格式，或根本不是 Token）。',
    fix: '生成 Token04（以 "04" 开头）；zego-token inspect <token> 可显示版本。',
  },
  6000108: {
    meaning: 'Token 剩余有效时间过短。',
    cause: '生成时的有效期非常短（把秒与分钟或小时弄混了？）。',
    fix: '生成有效期更长的 Token，例如 --ttl 1h；ZIM 的 Token 有效期不得超过 24 天。',
  },
  7000004: {
    meaning: 'Token 无效或已过期。',
    cause: '传给 init 或 updateToken 的 Token 无法校验或已过期。',
    fix: `用 ${DECODE_HINT} 检查；收到 tokenWillExpire 时用 updateToken(token) 更新。`,
  },
  7200401: {
    meaning: 'Token 校验失败。',
    cause: 'Token 不是用该 AppID 的 ServerSecret 生成的，或是为其他应用或用户生成的。',
    fix: `用正确的 AppID 和 ServerSecret 重新生成 Token；用 ${DECODE_HINT} 检查。`,
  },
  7201002: {
    meaning: 'Token 校验失败。',
    cause: 'Token 不是用该 AppID 的 ServerSecret 生成的，或是为其他应用生成的。',
    fix: `用正确的 AppID 和 ServerSecret 重新生成 Token；用 ${DECODE_HINT} 检查。`,
  },
  7201003: {
    meaning: 'Token 解码失败。',
    cause: '该字符串不是格式正确的 Token04：被截断、在途中被改动，或根本不是 Token。',
    fix: '按生成时的原样传入 Token；zego-token inspect <token> 可指出其结构的问题。',
  },
  7201005: {
    meaning: 'Token 过期。',
    cause: '已超过过期时间：未更新、有效期太短，或生成 Token 的服务器时钟偏慢。',
    fix: RENEW,
  },
  1: {
    meaning: 'appID 参数无效。',
    cause: '传给 generateToken04 的 AppID 不是 1 到 4294967295 之间的整数（字符串、0 或小数）。',
    fix: '传入 ZEGO 控制台中的 AppID，数字类型。',
  },
  3: {
    meaning: 'userID 参数无效。',
    cause: '传给 generateToken04 的 userID 为空或不是字符串。',
    fix: '传入客户端登录用的 userID：非空字符串，最多 64 字节。',
  },
  5: {
    meaning: 'secret 参数无效。',
    cause: 'ServerSecret 不是 32 个字符的字符串（常见的是误用了 64 个字符的 AppSign，或末尾有空白）。',
    fix: '从 ZEGO 控制台复制该 AppID 的 ServerSecret（32 个字符）。',
  },
  6: {
    meaning: 'effectiveTimeInSeconds 参数无效。',
    cause: '传给 generateToken04 的有效期不是正整数秒。',
    fix: '以秒为单位传入有效期，例如 3600。',
  },
  1001005: {
    meaning: `AppSign 不正确。${NOT_TOKEN}`,
    cause: '创建引擎时传入的 AppSign 不属于该 AppID。',
    fix: '从 ZEGO 控制台复制该 AppID 的 AppSign。Token 不会导致此错误。',
  },
  1001004: {
    meaning: `AppID 不正确，或使用环境不对。${NOT_TOKEN}`,
    cause: 'AppID 输入错误，或 SDK 设置的环境与 AppID 配置的环境不一致。',
    fix: '在 ZEGO 控制台检查 AppID 及其环境。Token 不会导致此错误。',
  },
  1000002: {
    meaning: `未登录房间。${NOT_TOKEN}`,
    cause: '在 loginRoom 成功之前或 logoutRoom 之后调用了房间相关接口（包括 renewToken）。',
    fix: '在 loginRoom 成功后调用；因 Token 导致的登录失败会报告上面的某个 Token 错误码。',
  },
  100000004: {
    meaning: `服务端 API 请求的签名过期。${NOT_TOKEN}`,
    cause: '请求的 Timestamp 与 ZEGO 的时钟相差超过 10 分钟：签名是旧的，或调用方服务器的时钟不准。',
    fix: '每个请求都用 signZegoApiRequest 重新签名（它使用当前时间）；保持服务器时钟同步（NTP）。',
  },
  100000005: {
    meaning: `服务端 API 请求的签名错误。${NOT_TOKEN}`,
    cause: '签名所用 ServerSecret 不属于该 AppID，或发送的 AppId、SignatureNonce、Timestamp 与签名时的不同。',
    fix: '用该 AppID 的 ServerSecret 调用 signZegoApiRequest 签名，并原样发送它返回的参数。',
  },
};

export const PROBLEMS_ZH = {
  TOKEN_MALFORMED: {
    title: '格式错误',
    meaning: '该字符串不是格式正确的 Token04。',
    cause: '在途中被截断或改动（在换行处被截断、"+" 被 URL 解码成空格、带上了引号），或根本不是 Token。',
    fix: '按服务端返回的原样传入 Token；比较服务端与客户端上 Token 的长度。',
  },
  TOKEN_VERSION_UNSUPPORTED: {
    title: '不是 Token04',
    meaning: '该 Token 不是 Token04（不以 "04" 开头）。',
    cause: '由旧版生成代码生成，或把别的东西当作 Token 传入（ServerSecret、AppSign）。',
    fix: '用本包或当前版本的 ZEGO 生成代码生成 Token04。',
  },
  TOKEN_DECRYPT_FAILED: {
    title: '无法解密',
    meaning: '无法用该 ServerSecret 解密 Token。',
    cause:
      'ServerSecret 错误，或 Token 是为其他应用生成的（每个 AppID 有自己的 ServerSecret）。ZEGO 用客户端 AppID 的 ServerSecret 解密。',
    fix: '在生成 Token 的服务端和这里都使用 ZEGO 控制台中该 AppID 的 ServerSecret（ZEGO_SERVER_SECRET 或 --secret-file）。',
  },
  TOKEN_EXPIRED: {
    title: '已过期',
    meaning: 'Token 已过期。',
    cause: '生成太久或有效期太短、未更新，或生成 Token 的服务器时钟比 ZEGO 的慢。',
    fix: RENEW,
  },
  TOKEN_NOT_YET_VALID: {
    title: '尚未生效',
    meaning: '按校验方的时钟，该 Token 的签发时间在未来。',
    cause: '生成 Token 的服务器时钟比校验方快（或校验方的时钟偏慢）。',
    fix: '保持生成 Token 的服务器时钟同步（NTP）；校验时可用 clockToleranceSeconds 容许一定偏差。',
  },
  TOKEN_APP_ID_MISMATCH: {
    title: 'AppID 不一致',
    meaning: 'Token 是为另一个 AppID 生成的，而不是客户端使用的 AppID。',
    cause: '服务端与客户端配置了不同的 AppID（测试项目与正式项目混用）。',
    fix: '用客户端创建时的 AppID 生成 Token。',
  },
  TOKEN_USER_ID_MISMATCH: {
    title: 'userID 不一致',
    meaning: 'Token 是为另一个 userID 生成的，而不是客户端登录用的 userID。',
    cause:
      'Token 中的 userID 必须与登录时传入的逐字节一致：缓存了上一个用户的 Token，或 ID 在传递中被去除空白、改变大小写或转换。',
    fix: '为客户端传给 loginRoom / zim.login / init 的 userID 生成 Token。',
  },
  SECRET_INVALID: {
    title: 'ServerSecret 无效',
    meaning: 'ServerSecret 不是 32 字节的字符串。',
    cause: '误用了 64 个字符的 AppSign、复制不完整，或前后有空白。',
    fix: '从 ZEGO 控制台复制该 AppID 的 32 个字符的 ServerSecret。',
  },
  APP_ID_INVALID: {
    title: 'AppID 无效',
    meaning: 'AppID 不是 1 到 4294967295 之间的整数。',
    cause: '字符串、0、小数，或超出 32 位的值。',
    fix: '使用 ZEGO 控制台中的 AppID，数字类型。',
  },
  USER_ID_INVALID: {
    title: 'userID 无效',
    meaning: 'userID 为空、超过 64 个 UTF-8 字节，或包含控制字符。',
    cause: '用户为空或缺失，或 ID 由未经检查的输入拼成。',
    fix: "使用客户端登录用的 userID；ZEGO 文档给出的字符集是数字、英文字母和 ~!@#$%^&*()_+=-`;',.<>/\\，最多 64 字节。",
  },
  EFFECTIVE_TIME_INVALID: {
    title: '有效期无效',
    meaning: '有效期不是正整数秒（或过期时间会溢出）。',
    cause: '0、负数、小数，或在应传秒的地方传了毫秒。',
    fix: '以秒为单位传入有效期，例如 3600（ZIM 的 Token 有效期不得超过 24 天）。',
  },
  PAYLOAD_INVALID: {
    title: 'payload 无效',
    meaning: '该 payload 无法放入 Token：不是字符串或可序列化为 JSON 的对象、不是 JSON，或太大。',
    cause: '手工拼写的 payload；对权限 Token 而言，房间 ID 达到或超过 128 字节。',
    fix: '传入 JSON，或用 roomPayload() / --room 生成权限 payload。',
  },
  NONCE_INVALID: {
    title: 'nonce 无效',
    meaning: '传给 encodeToken04 的 nonce 不是 32 位有符号整数。',
    cause: '手工指定的 nonce 超出范围或不是整数。',
    fix: '让 createToken04 生成 nonce，或传入 -2147483648 到 2147483647 之间的整数。',
  },
  IV_INVALID: {
    title: 'IV 无效',
    meaning: '传给 encodeToken04 的 IV 长度与模式不符。',
    cause: 'GCM 需要 12 字节，CBC 需要 16 字节。',
    fix: '让 createToken04 生成 IV，或传入长度正确的 Uint8Array。',
  },
  OPTION_INVALID: {
    title: '选项无效',
    meaning: '选项对象中有未知的键，或值的类型错误。',
    cause: '选项名拼写错误（用 secret 代替 serverSecret、appID 代替 appId）或类型错误。',
    fix: '按错误信息中的选项名修改；它们与本包的 TypeScript 类型一致。',
  },
  UNAUTHENTICATED: {
    title: '未登录',
    meaning: 'Token 路由拒绝了请求：resolveUser 没有给出用户（HTTP 401）。',
    cause: '客户端在没有应用自身会话或凭证的情况下请求 Token。',
    fix: '先登录你的应用，再带上其会话（cookie 或 bearer token）获取 Token。',
  },
  METHOD_NOT_ALLOWED: {
    title: '方法不允许',
    meaning: '调用 Token 路由所用的方法不在其 `methods` 中（HTTP 405）。',
    cause: '路由只接受 GET 时发了 POST，或反之。',
    fix: '使用 Allow 响应头列出的方法之一。',
  },
  NOT_FOUND: {
    title: '未找到',
    meaning:
      'fetch handler 收到的请求路径不是其 `path`，或 Express、koa-mount 中间件在挂载点被请求，而它在其下自己的 `path` 应答（HTTP 404）。',
    cause:
      '客户端的路径或前缀错误，或把路由挂载在了它自己的路径上（app.use("/zego/token", zegoToken()) 会在 /zego/token/zego/token 应答）。',
    fix: '请求配置的路径（默认 /zego/token）；挂载时按错误信息操作：挂载在上一级路径，或不带路径挂载并把完整路径作为 `path` 传入。',
  },
  CALLBACK_SIGNATURE_INVALID: {
    title: '回调签名无效',
    meaning:
      'verifyZegoCallback 拒绝了回调：签名缺失、格式错误或不正确，字段混用了两种命名，或时间戳既不是 10 位（秒）也不是 13 位（毫秒）（HTTP 401）。',
    cause:
      '在应传 CallbackSecret 的地方传了 ServerSecret、body 不是 ZEGO 发送的原文（被重新序列化或截断），或请求并非来自 ZEGO。',
    fix: '把 ZEGO 控制台中的 CallbackSecret 作为 callbackSecret 传入，并校验 ZEGO 发送的、解析后的 body。',
  },
  CALLBACK_EXPIRED: {
    title: '回调已过期',
    meaning: '回调的时间戳与本服务器时钟的偏差超过 toleranceSeconds（HTTP 401）。',
    cause: '被重放或严重延迟的回调，或本服务器的时钟不准。',
    fix: '保持服务器时钟同步（NTP）；只有当 ZEGO 的重试到达得更晚时，才调大 toleranceSeconds（默认 600）。',
  },
  CALLBACK_BODY_INVALID: {
    title: '回调 body 无效',
    meaning: '回调路由无法把请求的 body 读作回调（HTTP 400）。',
    cause: 'JSON 错误、body 不是对象、Content-Type 不是 JSON 或表单、body 被压缩，或其他中间件读取了 body 却没有解析。',
    fix: '按 ZEGO 的方式发送回调（POST 一个 JSON 对象）；把回调路由挂在会消耗 body 的中间件之前，或让该中间件解析 JSON。',
  },
  CALLBACK_BODY_TOO_LARGE: {
    title: '回调 body 过大',
    meaning: '回调的 body 大于路由的 maxBodyBytes（HTTP 413）。',
    cause: '不是 ZEGO 回调的请求（ZEGO 回调只有几 KiB），或上限设得太低。',
    fix: '只有当真实的 ZEGO 回调被拒绝时，才调大 maxBodyBytes（默认 65536）。',
  },
  CALLBACK_EVENT_INVALID: {
    title: '回调事件无效',
    meaning:
      'parseZegoCallback（或回调路由的类型化事件）遇到某个有文档的 ZEGO 事件中字段类型错误（HTTP 400）；错误信息会指出该字段。',
    cause: 'body 与 ZEGO 对该事件的文档不符：手工编写的测试 body，或 ZEGO 修改了某个字段。',
    fix: '按 ZEGO 文档发送 body（zego-token callback send 会发送 ZEGO 自己的示例）；如果 ZEGO 确实这样发送，请附上 body 报告问题。',
  },
  SERVER_API_ERROR: {
    title: '服务端 API 错误',
    meaning: 'ZEGO 服务端 API 调用返回了非 0 的 Code（如果能返回响应，则为 HTTP 502）。',
    cause:
      'ZEGO 拒绝了调用：签名问题（100000004 过期、100000005 错误）、参数问题或产品状态问题。错误的 zegoCode、zegoMessage 和 requestId 会指出是哪一种。',
    fix: '查询 zegoCode：zego-token explain <code> 认识网关的返回码（1000000xx）以及有文档的 RTC（1102xxxxx）、ZIM（66xxxxxxx）和 MiniGameEngine（72xxxxx）返回码；其他的请查看该接口的文档。error.answer 中是 ZEGO 应答的其余部分；联系 ZEGO 技术支持时请提供 requestId。',
  },
  SERVER_API_UNREACHABLE: {
    title: '服务端 API 不可达',
    meaning: 'ZEGO 服务端 API 调用没有得到可用的应答：网络错误、超时，或 body 不是带 Code 的 JSON（HTTP 502）。',
    cause: '无法连接 ZEGO（DNS、防火墙、代理）、baseUrl 或 region 错误，或调用慢于 timeoutMs。',
    fix: '在服务器上检查主机和网络；慢调用可调大 timeoutMs。客户端从不重试：只重试幂等的调用。',
  },
  SERVER_API_REDIRECTED: {
    title: '服务端 API 重定向',
    meaning: 'ZEGO 服务端 API 调用得到了重定向应答（HTTP 3xx），客户端拒绝并且不跟随（HTTP 502）。',
    cause:
      'baseUrl 指向会重定向的代理或主机（http: 到 https:、路径已迁移）。跟随重定向会把已签名的请求及其 body 发往另一个源。',
    fix: '把 baseUrl（或 region）设为直接应答的主机；ZEGO 自己的主机不会重定向。',
  },
  SERVER_API_ANSWER_TOO_LARGE: {
    title: '服务端 API 应答过大',
    meaning: 'ZEGO 服务端 API 调用的应答超过 maxAnswerBytes（默认 1 MiB）；客户端停止了读取（HTTP 502）。',
    cause: 'baseUrl 不是 ZEGO 服务端 API（代理页面、下载），或接口的应答超过了上限。',
    fix: '检查 baseUrl；对确实应答更多的接口，调大 maxAnswerBytes 或请求更小的分页（Limit、Next）。',
  },
  KIT_TOKEN_INVALID: {
    title: 'Kit Token 无效',
    meaning:
      'UIKit 的 Kit Token（token + "#" + {userID, roomID, userName, appID} 的 base64）无法生成或读取：ID 超出 Kit 能携带的范围，或 UIKit 无法读取其后缀。',
    cause:
      'userID 或 roomID 超出 ZEGO 的字符集（UIKit 的 btoa 遇到 U+00FF 以上的字符会抛错）、把 Token04 当作房间 ID 传入、userName 含不成对的代理字符，或 Kit Token 在 "#" 之后被截断或改动。',
    fix: '用 toKitToken 从 Token 路由的应答（appId、userId）和符合 ZEGO 字符集的房间 ID 生成 Kit Token；zego-token decode 会显示 Kit Token 的各部分。',
  },
  SESSION_ISSUED_AT_INVALID: {
    title: '缺少会话开始时间',
    meaning:
      'Token 路由配置了吊销存储（revocation），但 resolveUser 没有给出可用的 sessionIssuedAt（HTTP 500；错误信息说明收到了什么）。',
    cause:
      'resolveUser 只返回了 userId 或 { userId }，没有 sessionIssuedAt；或传入了以秒为单位的时间（JWT 的 iat），而这里需要毫秒。',
    fix: '返回 { userId, sessionIssuedAt }：会话或 JWT 的签发时间，单位为毫秒（iat * 1000），或一个 Date。',
  },
  SESSION_REVOKED: {
    title: '会话已登出',
    meaning: 'Token 路由拒绝签发 Token：该会话开始于用户被"在所有设备上登出"之前（HTTP 401）。',
    cause: '应用为该用户调用了 signOutEverywhere；此设备上的会话早于那个时间。',
    fix: '重新登录：新的会话可以获取 Token。浏览器客户端将其视为 SIGNED_OUT，并停止续期。',
  },
  USER_BANNED: {
    title: '用户已被封禁',
    meaning: 'Token 路由拒绝签发 Token：该用户被封禁，直到错误信息中给出的时间（HTTP 403）。',
    cause: '应用通过吊销存储封禁了该用户（ban）。',
    fix: '客户端无需处理：等待封禁结束，或在服务端解除封禁（unban）。浏览器客户端不会重试。',
  },
  REVOCATION_UNAVAILABLE: {
    title: '吊销存储不可用',
    meaning: 'Token 路由无法向吊销存储确认用户是否已登出或被封禁，因此没有签发 Token（HTTP 503）。',
    cause: '存储出错或应答无法识别：Redis 宕机或无法连接、超时，或自定义的存储抛出了错误。',
    fix: '恢复存储（检查 REDIS_URL 和服务器）；路由有意在此时拒绝签发。浏览器客户端会自动重试 503。',
  },
  SIGN_OUT_INCOMPLETE: {
    title: '登出未全部完成',
    meaning:
      'signOutEverywhere、banUser、refreshBan 或 unbanUser 已在吊销存储中记录（Token 路由拒绝该用户），但之后的步骤失败：读取房间在线状态、在 ZEGO 踢人，或设置封禁规则（HTTP 502）。',
    cause:
      '失败的步骤见错误的 report.failures，各带自身的错误：ZEGO 拒绝了调用（见 zegoCode；9 表示该 AppID 未开通封禁规则）、没有应答，或在线状态存储出错。',
    fix: '按每条失败的原因排除后再次调用：每一步都可重复执行。report 说明已完成的部分（kicked、forbidRule）。',
  },
  SERVER_API_BATCH_FAILED: {
    title: '服务端 API 批量调用中途失败',
    meaning:
      '把名单拆成多次 ZEGO 调用的类型化方法（createRtcApi 的 kickoutUser、createZimApi 的 kickoutRoomUser）中有一次调用失败：之前的用户已处理，其余的未处理（HTTP 502）。',
    cause:
      '失败那次调用自身的错误，见错误的 cause（以及 zegoCode、zegoMessage 和 requestId）：ZEGO 拒绝了它，或没有应答。之后的调用没有发出。',
    fix: '读取 completedUserIds（已处理）和 remainingUserIds（未处理，失败那次调用的用户在前）；排除原因后，只用 remainingUserIds 再次调用。',
  },
} as const satisfies Record<ZegoTokenErrorCode, LocalizedProblemText>;

/** The Chinese text of a ZEGO code: the token tables' here, the Server API return codes' in their own module. */
export function chineseSdkText(code: number): LocalizedText | undefined {
  return Object.hasOwn(SDK_CODES_ZH, code) ? SDK_CODES_ZH[code] : SERVER_API_RETURN_CODES_ZH[code];
}
