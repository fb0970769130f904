import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/**
 * Seals small system secrets (TOTP secrets) with AES-256-GCM under a key
 * derived from the master key, bound by associated data to what they belong
 * to, so a sealed value copied to another account does not open.
 */
export type SecretBox = {
  seal(plain: string, context: string): string
  open(sealed: string, context: string): string
}

const VERSION = 'v1'

export function createSecretBox(masterKey: Buffer): SecretBox {
  const key = Buffer.from(
    hkdfSync('sha256', masterKey, Buffer.alloc(0), 'custodia/system-secrets/v1', 32),
  )
  return {
    seal(plain, context) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      cipher.setAAD(Buffer.from(context))
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return [
        VERSION,
        iv.toString('base64'),
        body.toString('base64'),
        cipher.getAuthTag().toString('base64'),
      ].join('.')
    },
    open(sealed, context) {
      const [version, iv, body, tag] = sealed.split('.')
      if (version !== VERSION || !iv || !body || !tag) throw new Error('Malformed sealed secret')
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'))
      decipher.setAAD(Buffer.from(context))
      decipher.setAuthTag(Buffer.from(tag, 'base64'))
      return Buffer.concat([
        decipher.update(Buffer.from(body, 'base64')),
        decipher.final(),
      ]).toString('utf8')
    },
  }
}
