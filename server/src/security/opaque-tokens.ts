import { createHash, randomBytes } from 'node:crypto'

/**
 * Session ids and API tokens: 256 random bits handed to the client; only their
 * SHA-256 is stored, so a database copy holds nothing that signs anyone in.
 * (A fast hash is right here: the input has full entropy, unlike a password.)
 */
export function newOpaqueToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`
}

export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
