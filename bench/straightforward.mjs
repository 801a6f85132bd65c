// The straightforward Token04 (GCM) minting the core is measured against: what ZEGO's copied
// `zegoServerAssistant` helper does, minus its console logging. A new cipher from the secret string
// per call, fresh `randomBytes` for the IV and the nonce, and the token assembled from several small
// buffers with `Buffer.concat`. Same byte format as the core (checked at the start of every bench).
import { createCipheriv, randomBytes } from 'node:crypto';

function aesGcmEncrypt(plainText, key) {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAutoPadding(true);
  const encrypted = cipher.update(plainText, 'utf8');
  const encryptBuf = Buffer.concat([encrypted, cipher.final(), cipher.getAuthTag()]);
  return { encryptBuf, nonce };
}

function makeNonce() {
  // The helper used Math.random here; a fair comparison draws from the CSPRNG like the core does.
  return randomBytes(4).readInt32BE(0);
}

/** ZEGO's `generateToken04(appId, userId, secret, effectiveTimeInSeconds, payload)`, without logging. */
export function generateToken04(appId, userId, secret, effectiveTimeInSeconds, payload) {
  if (!appId || typeof appId !== 'number') throw { errorCode: 1, errorMessage: 'appID invalid' };
  if (!userId || typeof userId !== 'string' || userId.length > 64) {
    throw { errorCode: 3, errorMessage: 'userId invalid' };
  }
  if (!secret || typeof secret !== 'string' || secret.length !== 32) {
    throw { errorCode: 5, errorMessage: 'secret must be a 32 byte string' };
  }
  if (!(effectiveTimeInSeconds > 0)) throw { errorCode: 6, errorMessage: 'effectiveTimeInSeconds invalid' };

  const createTime = Math.floor(Date.now() / 1000);
  const tokenInfo = {
    app_id: appId,
    user_id: userId,
    nonce: makeNonce(),
    ctime: createTime,
    expire: createTime + effectiveTimeInSeconds,
    payload: payload || '',
  };
  const plainText = JSON.stringify(tokenInfo);
  const { encryptBuf, nonce } = aesGcmEncrypt(plainText, secret);

  const [b1, b2, b3, b4] = [new Uint8Array(8), new Uint8Array(2), new Uint8Array(2), new Uint8Array(1)];
  new DataView(b1.buffer).setBigInt64(0, BigInt(tokenInfo.expire), false);
  new DataView(b2.buffer).setUint16(0, nonce.byteLength, false);
  new DataView(b3.buffer).setUint16(0, encryptBuf.byteLength, false);
  new DataView(b4.buffer).setUint8(0, 1); // AES-GCM
  const buf = Buffer.concat([
    Buffer.from(b1),
    Buffer.from(b2),
    Buffer.from(nonce),
    Buffer.from(b3),
    Buffer.from(encryptBuf),
    Buffer.from(b4),
  ]);
  return `04${buf.toString('base64')}`;
}
