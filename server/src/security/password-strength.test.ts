import { describe, expect, it } from 'vitest'
import { isGuessable } from './password-strength.js'
import { generatePassword, refusalOfNewPassword } from './passwords.js'

const owner = { username: 'li.lei', displayName: '李雷' }

describe('common and guessable passwords are refused (ACC-4)', () => {
  // Each of these passed the policy before: 12+ characters, three classes.
  it.each([
    'Password1234',
    'Qwerty123456',
    'Passw0rd!2026',
    // Patterns common in China: pinyin words, 520/1314, surnames + digits, dates, QQ.
    'Woaini1314!!',
    'Woaini-1314!',
    'Aa5201314!!!',
    'Zhangwei1990!',
    'Zhang-Wei-1990',
    'Wangfang@1988',
    'Liu.Yang.520',
    'Xiaoming@123',
    'Beijing-2008!',
    '19900101Abc!',
    'Qq123456789!',
    // The account's own name, spelled without its dot.
    'Lilei-Secret-99',
  ])('refuses %s as guessable', async (password) => {
    expect(await refusalOfNewPassword(password, owner)).toBe('passwordGuessable')
  })

  it.each(['Password1234', 'Qwerty123456', 'woaini1314', 'zhangwei1990', '19900101abc'])(
    'refuses %s, which the estimator alone also finds guessable',
    async (password) => {
      expect(await refusalOfNewPassword(password, owner)).not.toBeNull()
      expect(await isGuessable(password, [])).toBe(true)
    },
  )

  it.each(['Violet kettle harbour 73', 'Tea-Lamp-Orbit-73', 'Plum-Ferry-Lantern-58'])(
    'accepts the passphrase %s',
    async (password) => {
      expect(await refusalOfNewPassword(password, owner)).toBeNull()
    },
  )

  it('accepts the passwords the tests, benchmarks and README use, and generated ones', async () => {
    for (const password of ['Correct-Horse-42', 'Correct-Horse-42!', 'Bench-Password-42']) {
      expect(await refusalOfNewPassword(password, { username: 'agent-1a2b3c4d' })).toBeNull()
    }
    expect(await refusalOfNewPassword('Strong-Pass-2026!', { username: 'admin' })).toBeNull()
    for (let i = 0; i < 20; i++) {
      expect(await refusalOfNewPassword(generatePassword(), { username: 'admin' })).toBeNull()
    }
  })

  it('still answers the structural rule first, with its own message', async () => {
    expect(await refusalOfNewPassword('Short-1a', owner)).toBe('passwordWeak')
  })
})
