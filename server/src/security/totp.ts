import { Secret, TOTP } from 'otpauth'

/** RFC 6238 TOTP, the parameters every authenticator app supports. */
const PERIOD_SECONDS = 30

function totpFor(secretBase32: string, label = 'Custodia'): TOTP {
  return new TOTP({
    issuer: 'Custodia',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  })
}

/** Associated data binding a sealed TOTP secret to its account. */
export const totpSealContext = (accountId: string) => `totp:${accountId}`

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

export function totpUri(secretBase32: string, username: string): string {
  return totpFor(secretBase32, username).toString()
}

/**
 * Checks a code within one step of clock drift and returns the time step it
 * belongs to, or null. Callers refuse steps at or below the last one used, so a
 * code cannot be replayed.
 */
export function matchTotpStep(secretBase32: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null
  const delta = totpFor(secretBase32).validate({ token: code, timestamp: now.getTime(), window: 1 })
  if (delta === null) return null
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta
}

/** The current code; used by tests and by nothing on the server's request path. */
export function generateTotp(secretBase32: string, at: Date): string {
  return totpFor(secretBase32).generate({ timestamp: at.getTime() })
}
