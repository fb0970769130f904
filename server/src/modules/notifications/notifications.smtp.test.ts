import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CANARY, createCustomerAs, findCanary } from '../../../test/customer-fixtures.js'
import { createDepartment, createStaff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { HOUR } from '../../platform/clock.js'
import { remindCall, remindFollowUps } from '../follow-ups/remind-follow-ups.js'

/**
 * Issue 17: a reminder by e-mail, received by a real SMTP server the test
 * starts. The mail names the customer by the masked name only and links to
 * the console; no plain personal value, no note, no purpose text.
 */
type Received = { to: string[]; data: string }
const received: Received[] = []
let server: SMTPServer
let t: TestApp

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        })
        done()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  t = await createTestApp({
    CUSTODIA_SIGNIN_RATE_LIMIT: '1000',
    CUSTODIA_SMTP_URL: `smtp://127.0.0.1:${port}`,
    CUSTODIA_SMTP_FROM: 'custodia@example.com',
    CUSTODIA_PUBLIC_URL: 'https://custodia.example.com/',
  })
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

/** A mail's text, its quoted-printable or base64 body decoded. */
function decoded(data: string): string {
  const [head = '', ...rest] = data.split(/\r?\n\r?\n/)
  const body = rest.join('\n\n')
  if (/content-transfer-encoding:\s*base64/i.test(head)) {
    return `${head}\n${Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')}`
  }
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
    const soft = body.replace(/=\r?\n/g, '')
    const bytes = Buffer.from(
      soft.replace(/=([0-9A-F]{2})/gi, (_m, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      ),
      'latin1',
    )
    return `${head}\n${bytes.toString('utf8')}`
  }
  return data
}

describe('reminders by e-mail (issue 17)', () => {
  it('mails the assignee a reminder with the masked name and a link, and no plain personal value', async () => {
    const departmentId = await createDepartment(t.deps, '邮件提醒部')
    const sales = await createStaff(t.deps, ['sales'], { departmentId })
    const cookie = await signInAs(t.app, sales)
    const address = await call(t.app, {
      method: 'PUT',
      url: '/api/v1/notifications/address',
      cookie,
      payload: { email: 'sales.one@example.com' },
    })
    expect(address.statusCode, address.body).toBe(200)
    expect(address.json()).toEqual({ email: 'sales.one@example.com', mailEnabled: true })

    const customer = await createCustomerAs(t.app, cookie, {
      kind: 'individual',
      name: CANARY.name,
      mobile: CANARY.mobile,
      email: CANARY.email,
      grade: 'important',
      source: 'visit',
    })
    const planned = await call(t.app, {
      method: 'POST',
      url: '/api/v1/follow-ups',
      cookie,
      payload: {
        customerId: customer,
        dueAt: new Date(t.clock.now().getTime() + HOUR).toISOString(),
        purpose: 'return_visit',
      },
    })
    expect(planned.statusCode, planned.body).toBe(201)
    const { id, maskedName } = planned.json()

    t.clock.advance(HOUR)
    const run = await remindFollowUps(remindCall(t.deps), t.deps.db)
    expect(run).toMatchObject({ reminded: 1, mailed: 1 })
    expect(received).toHaveLength(1)
    const [mail] = received as [Received]
    expect(mail.to).toEqual(['sales.one@example.com'])
    const text = decoded(mail.data)
    expect(text).toContain(maskedName)
    expect(text).toContain(`https://custodia.example.com/follow-ups?open=${id}`)
    expect(findCanary(text)).toBeUndefined()
    expect(findCanary(mail.data)).toBeUndefined()
    expect(text).not.toContain(CANARY.mobile)

    // Mailed once: the next run sends nothing more, and the trail says so without the address.
    await remindFollowUps(remindCall(t.deps), t.deps.db)
    expect(received).toHaveLength(1)
    const events = await t.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'notification.mailed')
      .execute()
    expect(events).toHaveLength(1)
    expect(JSON.stringify(events)).not.toContain('sales.one@example.com')
  })
})
