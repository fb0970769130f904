import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { createStaff, signInAs } from '../../../test/factories.js'
import { call, createPeerApp, createTestApp, type TestApp } from '../../../test/test-app.js'
import { testEngine } from '../../../test/test-database.js'
import { FEED_APPLICATION } from '../../db/change-feed.js'
import { MINUTE } from '../../platform/clock.js'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})

const me = (app: TestApp, cookie: string) =>
  call(app.app, { method: 'GET', url: '/api/v1/me', cookie })

/**
 * Issue 15: each server keeps the sessions it looked up in memory, and every
 * change that could make one stale is seen on the very next request — made
 * through the API, by a command, or straight in the database.
 */
describe('sessions kept in memory (ACC-4, issue 15)', () => {
  it('refuses a cached session once its account is disabled straight in the database', async () => {
    const staff = await createStaff(t.deps, ['agent'])
    const cookie = await signInAs(t.app, staff)
    expect((await me(t, cookie)).statusCode).toBe(200)
    expect((await me(t, cookie)).statusCode).toBe(200)
    await sql`update accounts set status = 'disabled' where id = ${staff.id}`.execute(t.deps.db)
    expect((await me(t, cookie)).statusCode).toBe(401)
  })

  it('sees a department and role change made in the database on the next request', async () => {
    const staff = await createStaff(t.deps, ['agent'])
    const cookie = await signInAs(t.app, staff)
    expect((await me(t, cookie)).json().roles).toEqual(['agent'])
    await sql`insert into account_roles (account_id, role) values (${staff.id}, 'sales')`.execute(
      t.deps.db,
    )
    expect((await me(t, cookie)).json().roles).toEqual(['agent', 'sales'])
    await sql`delete from account_roles where account_id = ${staff.id} and role = 'agent'`.execute(
      t.deps.db,
    )
    expect((await me(t, cookie)).json().roles).toEqual(['sales'])
  })

  it('refuses a session deleted in the database, and one gone idle, on the next request', async () => {
    const staff = await createStaff(t.deps, ['agent'])
    const deleted = await signInAs(t.app, staff)
    const idle = await signInAs(t.app, staff)
    expect((await me(t, deleted)).statusCode).toBe(200)
    expect((await me(t, idle)).statusCode).toBe(200)
    await sql`delete from sessions where account_id = ${staff.id} and stage = 'full'
      and id_hash = (select id_hash from sessions where account_id = ${staff.id} order by created_at limit 1)`.execute(
      t.deps.db,
    )
    expect((await me(t, deleted)).statusCode).toBe(401)
    t.clock.advance(t.deps.config.session.idleMinutes * MINUTE)
    expect((await me(t, idle)).json().error.code).toBe('SESSION_EXPIRED')
  })
})

describe.runIf(testEngine === 'postgres')('two servers on one PostgreSQL (ACC-4, issue 15)', () => {
  let peer: TestApp
  beforeAll(async () => {
    peer = await createPeerApp(t)
  })

  it('refuses on the other server, on its next request, a session whose account one server disabled', async () => {
    const admin = await signInAs(t.app, await createStaff(t.deps, ['sysadmin']))
    const staff = await createStaff(t.deps, ['agent'])
    const cookie = await signInAs(t.app, staff)
    expect((await me(peer, cookie)).statusCode).toBe(200)
    expect((await me(t, cookie)).statusCode).toBe(200)
    const disabled = await call(t.app, {
      method: 'POST',
      url: `/api/v1/accounts/${staff.id}/disable`,
      cookie: admin,
    })
    expect(disabled.json().status).toBe('disabled')
    expect((await me(peer, cookie)).statusCode).toBe(401)
  })

  it('refuses on one server a session signed out on the other', async () => {
    const staff = await createStaff(t.deps, ['agent'])
    const cookie = await signInAs(t.app, staff)
    expect((await me(peer, cookie)).statusCode).toBe(200)
    const out = await call(peer.app, { method: 'POST', url: '/api/v1/auth/logout', cookie })
    expect(out.statusCode).toBeLessThan(300)
    expect((await me(t, cookie)).statusCode).toBe(401)
  })

  it('drops what it cached when its listening connection is cut, and refuses what changed meanwhile', async () => {
    const staff = await createStaff(t.deps, ['agent'])
    const cookie = await signInAs(t.app, staff)
    expect((await me(peer, cookie)).statusCode).toBe(200)
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and application_name = ${FEED_APPLICATION}`.execute(
      t.deps.db,
    )
    await sql`update accounts set status = 'disabled' where id = ${staff.id}`.execute(t.deps.db)
    expect((await me(peer, cookie)).statusCode).toBe(401)
  })
})
