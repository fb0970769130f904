import { beforeAll, describe, expect, it } from 'vitest'
import { createStaff, type Staff } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { MINUTE } from '../../platform/clock.js'
import { newTotpSecret, totpSealContext } from '../../security/totp.js'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})

const LIMIT = 5

const attempt = (username: string, password: string, remoteAddress: string, language = 'zh-CN') =>
  call(t.app, {
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress,
    headers: { 'accept-language': language },
    payload: { username, password },
  })

/** Fires `count` wrong passwords at once, spread over `addresses` source addresses. */
async function burst(staff: Staff, count: number, addresses: number, subnet: number) {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      attempt(staff.username, `Wrong-guess-${i}-x`, `10.${subnet}.0.${(i % addresses) + 1}`),
    ),
  )
}

async function lockState(staff: Staff) {
  const row = await t.deps.db
    .selectFrom('accounts')
    .select(['failed_logins', 'locked_until'])
    .where('id', '=', staff.id)
    .executeTakeFirstOrThrow()
  const checked = await t.deps.db
    .selectFrom('audit_events')
    .select(({ fn }) => fn.countAll<string>().as('n'))
    .where('target_id', '=', staff.id)
    .where('action', '=', 'auth.sign_in_failed')
    .where('reason', '=', 'bad_password')
    .executeTakeFirstOrThrow()
  return { ...row, passwordChecks: Number(checked.n) }
}

describe('atomic lockout and answers that reveal nothing (ACC-4)', () => {
  it.each([
    [16, 4, 1],
    [100, 5, 2],
  ])(
    '%i parallel wrong passwords from %i addresses check at most the limit, then lock',
    async (count, addresses, subnet) => {
      const staff = await createStaff(t.deps, ['agent'])
      const answers = await burst(staff, count, addresses, subnet)
      for (const answer of answers) {
        expect(answer.statusCode).toBe(401)
        expect(answer.json().error.code).toBe('INVALID_CREDENTIALS')
      }
      const state = await lockState(staff)
      // Before the fix, 16 of 16 (and 28 of 100) were checked against a limit of 5.
      expect(state.passwordChecks).toBe(LIMIT)
      expect(state.failed_logins).toBe(LIMIT)
      expect(state.locked_until?.getTime()).toBeGreaterThan(t.clock.now().getTime())
      const locks = await t.deps.db
        .selectFrom('audit_events')
        .select('id')
        .where('target_id', '=', staff.id)
        .where('action', '=', 'account.locked')
        .execute()
      expect(locks).toHaveLength(1)

      // The right password is refused while the lock stands, from a fresh address too.
      const right = await attempt(staff.username, staff.password, `10.${subnet}.9.9`)
      expect(right.statusCode).toBe(401)
      expect(right.json().error.code).toBe('INVALID_CREDENTIALS')
      expect((await lockState(staff)).passwordChecks).toBe(LIMIT)
    },
  )

  it('answers a locked account, an unknown account and a wrong password identically', async () => {
    const staff = await createStaff(t.deps, ['agent'])
    await burst(staff, LIMIT, 1, 3)
    for (const language of ['zh-CN', 'en']) {
      const locked = await attempt(staff.username, staff.password, '10.3.1.1', language)
      const unknown = await attempt('nobody-by-this-name', staff.password, '10.3.1.2', language)
      const other = await createStaff(t.deps, ['agent'])
      const wrong = await attempt(other.username, 'Not-the-password-7', '10.3.1.3', language)
      for (const answer of [unknown, wrong]) {
        expect(answer.statusCode).toBe(locked.statusCode)
        expect(answer.json()).toEqual(locked.json())
      }
      expect(locked.statusCode).toBe(401)
      expect(locked.headers['content-type']).toBe(unknown.headers['content-type'])
    }
  })

  it('lets the owner in once the lock has passed, and counts afresh', async () => {
    const staff = await createStaff(t.deps, ['agent'])
    await burst(staff, 8, 2, 4)
    t.clock.advance(16 * MINUTE)
    const wrongAgain = await attempt(staff.username, 'Still-wrong-123', '10.4.1.1')
    expect(wrongAgain.json().error.code).toBe('INVALID_CREDENTIALS')
    expect((await lockState(staff)).failed_logins).toBe(1)
    const right = await attempt(staff.username, staff.password, '10.4.1.2')
    expect(right.statusCode).toBe(200)
    const state = await lockState(staff)
    expect(state.failed_logins).toBe(0)
    expect(state.locked_until).toBeNull()
  })

  it('does not count the right password that still awaits its two-factor code', async () => {
    const staff = await createStaff(t.deps, ['agent'])
    await t.deps.db
      .updateTable('accounts')
      .set({ totp_secret: t.deps.secrets.seal(newTotpSecret(), totpSealContext(staff.id)) })
      .where('id', '=', staff.id)
      .execute()
    for (let i = 0; i < LIMIT + 2; i++) {
      const answer = await attempt(staff.username, staff.password, '10.5.1.1')
      expect(answer.json().error.code).toBe('TOTP_REQUIRED')
    }
    const state = await lockState(staff)
    expect(state.failed_logins).toBe(0)
    expect(state.locked_until).toBeNull()
  })
})
