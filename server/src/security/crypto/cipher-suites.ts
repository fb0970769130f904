import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  timingSafeEqual,
} from 'node:crypto'
import { randomBytesFromPool } from './random-pool.js'

/**
 * CLS-2 cipher suites: authenticated encryption with associated data, the
 * keyed hash used for blind indexes, key derivation and a digest. Chosen
 * once, at set-up, and the one interface every encryption of the product
 * goes through — customer values and their keys (envelope.ts), system
 * secrets such as TOTP secrets (secret-box.ts) and backup archives
 * (archive-seal.ts): with `sm`, nothing is sealed with AES.
 *
 * - `aes-gcm`: AES-256-GCM (random 96-bit nonce, 128-bit tag) and
 *   HMAC-SHA256. The default.
 * - `sm`: the Chinese national algorithms (国密) — SM4-CTR then HMAC-SM3
 *   over everything (encrypt-then-MAC), since the OpenSSL in Node offers
 *   no SM4-GCM; HMAC-SM3 for blind indexes. Encryption and MAC keys are
 *   derived from the one 256-bit key with HKDF-SM3.
 *
 * A sealed value starts with its suite's code byte, so values stay readable
 * whichever suite wrote them.
 */
export type SuiteName = 'aes-gcm' | 'sm'

export type CipherSuite = {
  name: SuiteName
  code: number
  /** The size of every key `seal`, `open` and `mac` take, and `deriveKey` gives. */
  keyBytes: number
  seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer
  open(key: Buffer, sealed: Buffer, aad: Buffer): Buffer
  mac(key: Buffer, data: Buffer): Buffer
  /** A key of `keyBytes` for one purpose (`info`) from a key of the same size: HKDF. */
  deriveKey(key: Buffer, info: string): Buffer
  /** The suite's unkeyed hash: SHA-256 or SM3 (hex). */
  digest(data: Buffer): string
}

/** Every suite's keys are 256 bits; `sm` derives its SM4 and HMAC-SM3 keys from them. */
export const SUITE_KEY_BYTES = 32

const hkdf = (hash: 'sha256' | 'sm3', key: Buffer, info: string) =>
  Buffer.from(hkdfSync(hash, key, Buffer.alloc(0), info, SUITE_KEY_BYTES))

export class DecryptionError extends Error {
  constructor() {
    // Never says more: not which part failed, never a value.
    super('A sealed value failed authentication')
    this.name = 'DecryptionError'
  }
}

const aesGcm: CipherSuite = {
  name: 'aes-gcm',
  code: 0x01,
  keyBytes: SUITE_KEY_BYTES,
  seal(key, plaintext, aad) {
    const nonce = randomBytesFromPool(12)
    const cipher = createCipheriv('aes-256-gcm', key, nonce)
    cipher.setAAD(aad)
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
    return Buffer.concat([Buffer.from([this.code]), nonce, body, cipher.getAuthTag()])
  },
  open(key, sealed, aad) {
    if (sealed.length < 1 + 12 + 16 || sealed[0] !== this.code) throw new DecryptionError()
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13))
    decipher.setAAD(aad)
    decipher.setAuthTag(sealed.subarray(sealed.length - 16))
    try {
      return Buffer.concat([
        decipher.update(sealed.subarray(13, sealed.length - 16)),
        decipher.final(),
      ])
    } catch {
      throw new DecryptionError()
    }
  },
  mac: (key, data) => createHmac('sha256', key).update(data).digest(),
  deriveKey: (key, info) => hkdf('sha256', key, info),
  digest: (data) => createHash('sha256').update(data).digest('hex'),
}

function smKeys(key: Buffer): { encKey: Buffer; macKey: Buffer } {
  const okm = Buffer.from(hkdfSync('sm3', key, Buffer.alloc(0), 'custodia/sm4-ctr-hmac-sm3/v1', 48))
  return { encKey: okm.subarray(0, 16), macKey: okm.subarray(16) }
}

function smTag(macKey: Buffer, header: Buffer, aad: Buffer, body: Buffer): Buffer {
  const aadLength = Buffer.alloc(8)
  aadLength.writeBigUInt64BE(BigInt(aad.length))
  return createHmac('sm3', macKey)
    .update(header)
    .update(aadLength)
    .update(aad)
    .update(body)
    .digest()
}

const sm: CipherSuite = {
  name: 'sm',
  code: 0x02,
  keyBytes: SUITE_KEY_BYTES,
  seal(key, plaintext, aad) {
    const { encKey, macKey } = smKeys(key)
    const iv = randomBytesFromPool(16)
    const cipher = createCipheriv('sm4-ctr', encKey, iv)
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
    const header = Buffer.concat([Buffer.from([this.code]), iv])
    return Buffer.concat([header, body, smTag(macKey, header, aad, body)])
  },
  open(key, sealed, aad) {
    if (sealed.length < 1 + 16 + 32 || sealed[0] !== this.code) throw new DecryptionError()
    const { encKey, macKey } = smKeys(key)
    const header = sealed.subarray(0, 17)
    const body = sealed.subarray(17, sealed.length - 32)
    const expected = smTag(macKey, header, aad, body)
    if (!timingSafeEqual(expected, sealed.subarray(sealed.length - 32))) throw new DecryptionError()
    const decipher = createDecipheriv('sm4-ctr', encKey, sealed.subarray(1, 17))
    return Buffer.concat([decipher.update(body), decipher.final()])
  },
  mac: (key, data) => createHmac('sm3', key).update(data).digest(),
  deriveKey: (key, info) => hkdf('sm3', key, info),
  digest: (data) => createHash('sm3').update(data).digest('hex'),
}

export const SUITES: Record<SuiteName, CipherSuite> = { 'aes-gcm': aesGcm, sm }

/** The suite that sealed a value, from its first byte. */
export function suiteOf(sealed: Buffer): CipherSuite {
  const suite = Object.values(SUITES).find((s) => s.code === sealed[0])
  if (!suite) throw new DecryptionError()
  return suite
}
