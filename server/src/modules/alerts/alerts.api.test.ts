import { beforeAll, describe, expect, it } from 'vitest'
import { createStaff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { NO_REQUEST, recordAuditEvent } from '../../audit/audit-log.js'
import { sealAndWatch } from '../../audit/seal-and-watch.js'
import { HOUR, MINUTE } from '../../platform/clock.js'

let t: TestApp
let secadmin: string
beforeAll(async () => {
  t = await createTestApp()
  // A token, not a session: these tests move the clock by more than a session lives.
  const cookie = await signInAs(t.app, await createStaff(t.deps, ['secadmin']))
  const scopes = ['alerts.read', 'alerts.manage', 'alert-rules.manage']
  secadmin = (
    await call(t.app, {
      method: 'POST',
      url: '/api/v1/tokens',
      cookie,
      payload: { name: 'alerts', scopes },
    })
  ).json().token
})

const seal = () => sealAndWatch(t.deps.db, t.deps.auditSigner, t.clock)
const alertsFor = async (rule: string) =>
  (await call(t.app, { url: '/api/v1/alerts', token: secadmin }))
    .json()
    .items.filter((a: { rule: string }) => a.rule === rule)

/** The manual clock starts on Monday 2026-01-05 09:00 Beijing time, inside working hours. */
describe('detection rules (AUD-3)', () => {
  it('raises one alert for repeated refusals, and none for an occasional one', async () => {
    const agent = await createStaff(t.deps, ['agent'])
    // The console shows who set an alert off by display name (issue 14 item 5).
    await t.deps.db
      .updateTable('accounts')
      .set({ display_name: '赵坐席' })
      .where('id', '=', agent.id)
      .execute()
    const cookie = await signInAs(t.app, agent)
    await call(t.app, { url: '/api/v1/accounts', cookie })
    await seal()
    expect(
      (await alertsFor('repeated_denials')).filter(
        (a: { subject: string }) => a.subject === agent.id,
      ),
    ).toEqual([])

    for (let i = 0; i < 6; i++) await call(t.app, { url: '/api/v1/accounts', cookie })
    await seal()
    const alerts = (await alertsFor('repeated_denials')).filter(
      (a: { subject: string }) => a.subject === agent.id,
    )
    expect(alerts).toHaveLength(1)
    expect(alerts[0]).toMatchObject({
      status: 'open',
      actor: { id: agent.id, name: agent.username, displayName: '赵坐席' },
    })
    expect(alerts[0].eventCount).toBeGreaterThanOrEqual(2)
  })

  it('raises an alert for a burst of reveals by one account, not for a few', async () => {
    const manager = await createStaff(t.deps, ['manager'])
    const reveal = () =>
      recordAuditEvent(t.deps.db, t.clock.now(), NO_REQUEST, {
        actor: { type: 'account', id: manager.id, name: manager.username },
        action: 'customer.revealed',
        target: { type: 'customer', id: 'c-1' },
        fields: ['idNumber'],
        purpose: 'service',
      })
    for (let i = 0; i < 5; i++) await reveal()
    await seal()
    expect(
      (await alertsFor('bulk_access')).filter((a: { subject: string }) => a.subject === manager.id),
    ).toEqual([])
    for (let i = 0; i < 20; i++) await reveal()
    await seal()
    expect(
      (await alertsFor('bulk_access')).filter((a: { subject: string }) => a.subject === manager.id),
    ).toHaveLength(1)
  })

  it('raises an alert for a sign-in at night, not for one in office hours', async () => {
    const day = await createStaff(t.deps, ['sales'])
    await signInAs(t.app, day)
    await seal()
    expect(
      (await alertsFor('off_hours')).filter((a: { subject: string }) => a.subject === day.id),
    ).toEqual([])

    const night = await createStaff(t.deps, ['sales'])
    t.clock.advance(14 * HOUR) // 23:00 in Beijing
    await signInAs(t.app, night)
    await seal()
    t.clock.advance(10 * HOUR) // back to 09:00 the next day
    expect(
      (await alertsFor('off_hours')).filter((a: { subject: string }) => a.subject === night.id),
    ).toHaveLength(1)
  })

  it('raises an alert at once for an attempt outside the account scope', async () => {
    const sales = await createStaff(t.deps, ['sales'])
    await recordAuditEvent(t.deps.db, t.clock.now(), NO_REQUEST, {
      actor: { type: 'account', id: sales.id, name: sales.username },
      action: 'customer.viewed',
      target: { type: 'customer', id: 'someone-elses' },
      outcome: 'denied',
      reason: 'out_of_scope',
    })
    await seal()
    expect(
      (await alertsFor('out_of_scope')).filter((a: { subject: string }) => a.subject === sales.id),
    ).toHaveLength(1)
  })

  it('lets alerts be acknowledged and closed, audits it, and lets a closed alert stay closed', async () => {
    const [alert] = await alertsFor('out_of_scope')
    const ack = await call(t.app, {
      method: 'POST',
      url: `/api/v1/alerts/${alert.id}/acknowledge`,
      token: secadmin,
      payload: { note: '核实中' },
    })
    expect(ack.statusCode).toBe(204)
    await call(t.app, {
      method: 'POST',
      url: `/api/v1/alerts/${alert.id}/close`,
      token: secadmin,
      payload: {},
    })
    const closed = (
      await call(t.app, { url: '/api/v1/alerts?status=closed', token: secadmin })
    ).json().items
    expect(closed.find((a: { id: string }) => a.id === alert.id)).toMatchObject({
      status: 'closed',
      note: '核实中',
    })
    const again = await call(t.app, {
      method: 'POST',
      url: `/api/v1/alerts/${alert.id}/close`,
      token: secadmin,
      payload: {},
    })
    expect(again.json().error.code).toBe('ALERT_CLOSED')
    const trail = await t.deps.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', alert.id)
      .execute()
    expect(trail.map((e) => e.action)).toEqual(['alert.acknowledged', 'alert.closed'])
  })

  it('lets the security administrator tune a rule, checking its parameters', async () => {
    const bad = await call(t.app, {
      method: 'PATCH',
      url: '/api/v1/alert-rules/bulk_access',
      token: secadmin,
      payload: { params: { threshold: -1 } },
    })
    expect(bad.statusCode).toBe(400)
    const good = await call(t.app, {
      method: 'PATCH',
      url: '/api/v1/alert-rules/bulk_access',
      token: secadmin,
      payload: { params: { threshold: 50, windowMinutes: 5, actions: ['customer.revealed'] } },
    })
    expect(good.json()).toMatchObject({ code: 'bulk_access', params: { threshold: 50 } })
    const auditor = await signInAs(t.app, await createStaff(t.deps, ['auditor']))
    expect(
      (
        await call(t.app, {
          method: 'PATCH',
          url: '/api/v1/alert-rules/off_hours',
          cookie: auditor,
          payload: { enabled: false },
        })
      ).statusCode,
    ).toBe(403)
    expect((await call(t.app, { url: '/api/v1/alerts', cookie: auditor })).statusCode).toBe(200)
    t.clock.advance(MINUTE)
  })
})
