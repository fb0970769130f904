import { beforeAll, describe, expect, it } from 'vitest'
import { createStaff, STRONG_PASSWORD, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { ensureInitialAdmin } from '../../bootstrap.js'
import { ConfigError } from '../../config.js'
import { AppError } from '../../platform/errors.js'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})

describe('guessable passwords are refused wherever a password is set (ACC-4)', () => {
  it.each([
    ['Password1234', 'zh-CN', /常见或容易猜到/],
    ['Qwerty123456', 'en', /too common or easy to guess/],
    ['Woaini1314!!', 'zh-CN', /拼音词/],
  ])(
    'refuses %s as a new own password (%s), and the old one still works',
    async (password, language, message) => {
      const staff = await createStaff(t.deps, ['agent'])
      const cookie = await signInAs(t.app, staff)
      const change = await call(t.app, {
        method: 'POST',
        url: '/api/v1/auth/password',
        cookie,
        headers: { 'accept-language': language },
        payload: { currentPassword: STRONG_PASSWORD, newPassword: password },
      })
      expect(change.statusCode).toBe(400)
      expect(change.json().error.code).toBe('VALIDATION_FAILED')
      expect(change.json().error.fields.newPassword).toMatch(message)
      // The answer names no part of the password.
      expect(change.body).not.toContain(password)
      // The refusal is on the trail, as a wrong current password is (AUD-1).
      const refused = await t.deps.db
        .selectFrom('audit_events')
        .select(['outcome', 'reason'])
        .where('action', '=', 'auth.password_change_failed')
        .where('target_id', '=', staff.id)
        .execute()
      expect(refused).toEqual([{ outcome: 'denied', reason: 'new_password_refused' }])
      expect(await signInAs(t.app, staff)).toBeTruthy()
    },
  )

  it('refuses a guessable password for a new account', async () => {
    await expect(createStaff(t.deps, ['agent'], { password: 'Zhangwei1990!' })).rejects.toSatisfy(
      (error) =>
        error instanceof AppError &&
        error.code === 'VALIDATION_FAILED' &&
        error.fields?.password === 'passwordGuessable',
    )
  })

  it('refuses a guessable initial administrator password at first start, creating nothing', async () => {
    const fresh = await createTestApp({ CUSTODIA_ADMIN_PASSWORD: 'Password1234' })
    await expect(ensureInitialAdmin(fresh.deps)).rejects.toBeInstanceOf(ConfigError)
    await expect(ensureInitialAdmin(fresh.deps)).rejects.toThrow(/CUSTODIA_ADMIN_PASSWORD/)
    const accounts = await fresh.deps.db.selectFrom('accounts').select('id').execute()
    expect(accounts).toHaveLength(0)
  })
})
