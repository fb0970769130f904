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
