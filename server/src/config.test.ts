import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.js'

describe('configuration (CONTRACT.md)', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      dataDir: path.resolve('data'),
      databaseUrl: undefined,
      host: '127.0.0.1',
      port: 8080,
      masterKeyFile: path.resolve('data/keys/master.key'),
      logLevel: 'info',
      session: { idleMinutes: 30, maxHours: 12 },
      mfaRequiredRoles: ['sysadmin', 'secadmin', 'auditor'],
    })
  })

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ CUSTODIA_LOG_LEVEL: 'verbose' }, 'CUSTODIA_LOG_LEVEL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ CUSTODIA_MFA_REQUIRED_ROLES: 'sysadmin,root' }, 'CUSTODIA_MFA_REQUIRED_ROLES'],
    [{ CUSTODIA_SESSION_IDLE_MINUTES: '0' }, 'CUSTODIA_SESSION_IDLE_MINUTES'],
  ])('refuses %o with one line naming %s', (env, variable) => {
    let error: unknown
    try {
      loadConfig(env)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).variable).toBe(variable)
    expect((error as Error).message).toMatch(new RegExp(`^Invalid configuration: ${variable} `))
    expect((error as Error).message).not.toContain('\n')
  })

  it('never echoes a bad value, which may be a secret', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@db' })).toThrow(/value not shown/)
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@db' })).not.toThrow(/hunter2/)
  })

  it('allows turning two-factor requirements off explicitly', () => {
    expect(loadConfig({ CUSTODIA_MFA_REQUIRED_ROLES: '' }).mfaRequiredRoles).toEqual([])
  })
})

describe('e-mail of notifications (CONTRACT.md CUSTODIA_SMTP_URL, issue 17)', () => {
  it('sends none unless CUSTODIA_SMTP_URL is set, from custodia@localhost unless told', () => {
    expect(loadConfig({})).toMatchObject({ smtp: undefined, publicUrl: undefined })
    expect(loadConfig({ CUSTODIA_SMTP_URL: 'smtps://mail.example.com:465' }).smtp).toEqual({
      url: 'smtps://mail.example.com:465',
      from: 'custodia@localhost',
    })
    expect(
      loadConfig({
        CUSTODIA_SMTP_URL: 'smtp://127.0.0.1:2525',
        CUSTODIA_SMTP_FROM: 'crm@example.com',
        CUSTODIA_PUBLIC_URL: 'https://crm.example.com/',
      }),
    ).toMatchObject({
      smtp: { url: 'smtp://127.0.0.1:2525', from: 'crm@example.com' },
      publicUrl: 'https://crm.example.com',
    })
  })

  it.each([
    [{ CUSTODIA_SMTP_URL: 'http://mail.example.com' }, 'CUSTODIA_SMTP_URL'],
    [{ CUSTODIA_SMTP_FROM: 'not an address' }, 'CUSTODIA_SMTP_FROM'],
    [{ CUSTODIA_PUBLIC_URL: 'ftp://crm.example.com' }, 'CUSTODIA_PUBLIC_URL'],
  ])('refuses %o naming %s, without the value', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable} `))
    expect(() => loadConfig({ CUSTODIA_SMTP_URL: 'smtp-ish://user:hunter2@mail' })).not.toThrow(
      /hunter2/,
    )
  })
})

describe('initial administrator password (CONTRACT.md first start)', () => {
  it('is checked against the password policy before anything is created', () => {
    expect(() => loadConfig({ CUSTODIA_ADMIN_PASSWORD: 'short' })).toThrow(
      /CUSTODIA_ADMIN_PASSWORD is too weak/,
    )
    expect(() => loadConfig({ CUSTODIA_ADMIN_PASSWORD: 'Admin-Password-2026!' })).toThrow(
      /not containing "admin"/,
    )
    expect(loadConfig({ CUSTODIA_ADMIN_PASSWORD: 'Strong-Pass-2026!' }).adminPassword).toBe(
      'Strong-Pass-2026!',
    )
  })
})
