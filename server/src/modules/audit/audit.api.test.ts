import { beforeAll, describe, expect, it } from 'vitest'
import { testAction, testReason } from '../../../test/audit-test-vocabulary.js'
import { createStaff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { NO_REQUEST, recordAuditEvent } from '../../audit/audit-log.js'
import { sealAndWatch } from '../../audit/seal-and-watch.js'

let t: TestApp
let auditor: string
beforeAll(async () => {
  t = await createTestApp()
  auditor = await signInAs(t.app, await createStaff(t.deps, ['auditor']))
})

const seal = () => sealAndWatch(t.deps.db, t.deps.auditSigner, t.clock)

describe('the audit trail for auditors (AUD-1, AUD-4)', () => {
  it('holds every security event of sign-in and account administration, sealed and verifiable', async () => {
    const admin = await createStaff(t.deps, ['sysadmin'])
    const adminCookie = await signInAs(t.app, admin)
    await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: admin.username, password: 'Wrong-Password-1' },
    })
    const created = await call(t.app, {
      method: 'POST',
      url: '/api/v1/accounts',
      cookie: adminCookie,
      payload: { username: 'wang.fang', displayName: '王芳', roles: ['agent'] },
    })
    const id = created.json().account.id
    await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/accounts/${id}`,
      cookie: adminCookie,
      // Granted at once; a data role would wait for a second person (ACC-5).
      payload: { roles: ['sysadmin'] },
    })
    await call(t.app, {
      method: 'POST',
      url: `/api/v1/accounts/${id}/disable`,
      cookie: adminCookie,
    })
    await call(t.app, { method: 'POST', url: '/api/v1/auth/logout', cookie: adminCookie })
    await seal()

    const events = (
      await call(t.app, {
        url: `/api/v1/audit/events?actor=${admin.username}&limit=500`,
        cookie: auditor,
      })
    ).json().items
    const actions = events.map((e: { action: string }) => e.action)
    for (const action of [
      'auth.sign_in',
      'auth.sign_in_failed',
      'account.created',
      'account.roles_changed',
      'account.disabled',
      'auth.sign_out',
    ]) {
      expect(actions).toContain(action)
    }
    expect(events.every((e: { seq: number | null }) => e.seq !== null)).toBe(true)
    const roleChange = events.find((e: { action: string }) => e.action === 'account.roles_changed')
    expect(roleChange).toMatchObject({
      target: { type: 'account', id },
      fields: ['roles'],
      // The agent grant waited for a second person (ACC-5); sysadmin is granted at once.
      details: { from: [], to: ['sysadmin'] },
    })

    const verify = await call(t.app, { url: '/api/v1/audit/verify', cookie: auditor })
    expect(verify.json()).toMatchObject({ ok: true, pending: 0 })
    expect(verify.json().events).toBeGreaterThan(6)
  })

  it('filters by action prefix, outcome and time, pages with a cursor, and answers who touched a record', async () => {
    const staff = await createStaff(t.deps, ['agent'])
    for (let i = 0; i < 3; i++) {
      await call(t.app, {
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: staff.username, password: 'nope' },
      })
    }
    const denied = (
      await call(t.app, {
        url: '/api/v1/audit/events?action=auth.*&outcome=denied&limit=2',
        cookie: auditor,
      })
    ).json()
    expect(denied.items).toHaveLength(2)
    expect(denied.items.every((e: { outcome: string }) => e.outcome === 'denied')).toBe(true)
    const next = (
      await call(t.app, {
        url: `/api/v1/audit/events?action=auth.*&outcome=denied&limit=2&cursor=${denied.nextCursor}`,
        cookie: auditor,
      })
    ).json()
    expect(next.items[0].id).toBeLessThan(denied.items[1].id)

    const future = (
      await call(t.app, {
        url: `/api/v1/audit/events?from=${encodeURIComponent('2099-01-01T00:00:00Z')}`,
        cookie: auditor,
      })
    ).json()
    expect(future.items).toEqual([])

    const aboutStaff = (
      await call(t.app, { url: `/api/v1/audit/events?actor=${staff.id}`, cookie: auditor })
    ).json()
    expect(aboutStaff.items.map((e: { reason: string }) => e.reason)).toEqual([
      'bad_password',
      'bad_password',
      'bad_password',
    ])
  })

  it('exports CSV and JSON, and records the export itself', async () => {
    const csv = await call(t.app, {
      url: '/api/v1/audit/events/export?format=csv&action=auth.sign_in',
      cookie: auditor,
    })
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toMatch(/^text\/csv/)
    expect(csv.headers['content-disposition']).toContain('attachment')
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toMatch(/^id,seq,occurredAt,actorType/)
    expect(lines.length).toBeGreaterThan(1)

    const json = await call(t.app, {
      url: '/api/v1/audit/events/export?format=json',
      cookie: auditor,
    })
    expect(JSON.parse(json.body).items.length).toBeGreaterThan(5)

    const exports = (
      await call(t.app, { url: '/api/v1/audit/events?action=audit.exported', cookie: auditor })
    ).json().items
    expect(exports.map((e: { details: { format: string } }) => e.details.format).sort()).toEqual([
      'csv',
      'json',
    ])
  })

  it('exports CSV without ambiguity: null and empty differ, formulas and apostrophes are escaped reversibly, lists are JSON', async () => {
    const tricky = {
      actorName: "'=SUM(A1)",
      reason: '',
      userAgent: '-2+3',
      fields: ['a b', 'c,d'],
      details: { note: 'say "hi",\nthen go' },
    }
    await recordAuditEvent(
      t.deps.db,
      t.clock.now(),
      { ...NO_REQUEST, userAgent: tricky.userAgent },
      {
        actor: { type: 'system', name: tricky.actorName },
        action: testAction('test.tricky'),
        fields: tricky.fields,
        reason: testReason(tricky.reason),
        details: tricky.details,
      },
    )
    const csv = await call(t.app, {
      url: '/api/v1/audit/events/export?format=csv&action=test.tricky',
      cookie: auditor,
    })
    const rows = parseCsv(csv.body.replace(/^\uFEFF/, ''))
    expect(rows).toHaveLength(2)
    const header = rows[0]?.map((c) => c.text) ?? []
    const cell = (name: string) => {
      const raw = rows[1]?.[header.indexOf(name)]
      if (raw === undefined) throw new Error(`no column ${name}`)
      if (raw.quoted === false && raw.text === '') return null
      return raw.text.startsWith("'") ? raw.text.slice(1) : raw.text
    }
    expect(cell('actorName')).toBe(tricky.actorName)
    expect(cell('reason')).toBe('')
    expect(cell('userAgent')).toBe(tricky.userAgent)
    expect(cell('purpose')).toBeNull()
    expect(JSON.parse(cell('fields') ?? '')).toEqual(tricky.fields)
    expect(JSON.parse(cell('details') ?? '')).toEqual(tricky.details)
    expect(JSON.parse(cell('canonical') ?? '')[5]).toBe(tricky.actorName)
  })

  it('serves the latest signed checkpoint and the public key that verifies it', async () => {
    await seal()
    const checkpoint = (
      await call(t.app, { url: '/api/v1/audit/checkpoints/latest', cookie: auditor })
    ).json()
    expect(checkpoint).toMatchObject({
      format: 'custodia-audit-checkpoint/v1',
      keyId: t.deps.auditSigner.keyId,
    })
    const key = (await call(t.app, { url: '/api/v1/audit/public-key' })).json()
    expect(key.publicKey).toContain('BEGIN PUBLIC KEY')
    expect(checkpoint.publicKey).toBe(key.publicKey)
  })

  it('lets only auditors and the compliance officer read the trail', async () => {
    for (const role of ['sysadmin', 'secadmin', 'manager', 'agent'] as const) {
      const cookie = await signInAs(t.app, await createStaff(t.deps, [role]))
      expect((await call(t.app, { url: '/api/v1/audit/events', cookie })).statusCode).toBe(403)
      expect((await call(t.app, { url: '/api/v1/audit/verify', cookie })).statusCode).toBe(403)
    }
    const compliance = await signInAs(t.app, await createStaff(t.deps, ['compliance']))
    expect(
      (await call(t.app, { url: '/api/v1/audit/events', cookie: compliance })).statusCode,
    ).toBe(200)
  })

  it('refuses a malformed filter with a field error', async () => {
    const response = await call(t.app, {
      url: '/api/v1/audit/events?action=DROP%20TABLE&limit=9999',
      cookie: auditor,
      headers: { 'accept-language': 'en' },
    })
    expect(response.statusCode).toBe(400)
    expect(Object.keys(response.json().error.fields).sort()).toEqual(['action', 'limit'])
  })
})

/** RFC 4180, keeping whether each cell was quoted (an unquoted empty cell is null). */
function parseCsv(text: string): { text: string; quoted: boolean }[][] {
  const rows: { text: string; quoted: boolean }[][] = []
  let row: { text: string; quoted: boolean }[] = []
  let i = 0
  while (i < text.length) {
    let value = ''
    let quoted = false
    if (text[i] === '"') {
      quoted = true
      i += 1
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"'
          i += 2
        } else if (text[i] === '"') {
          i += 1
          break
        } else {
          value += text[i]
          i += 1
        }
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        value += text[i]
        i += 1
      }
    }
    row.push({ text: value, quoted })
    if (text[i] === ',') i += 1
    else {
      i += 2
      rows.push(row)
      row = []
    }
  }
  return rows
}
