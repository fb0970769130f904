import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { CANARY, createCustomerAs, individual } from '../../../test/customer-fixtures.js'
import { createStaff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'

const FILLERS = 100_000

let t: TestApp
let cookie: string
let target: string
let opened = 0

/**
 * CLS-5 at scale: exact search among 100,000 customers runs on the blind
 * index alone. The filler customers carry keys and ciphertexts that cannot
 * be opened — touching any of them would fail the request — and the test
 * counts every value the vault opens.
 */
beforeAll(async () => {
  t = await createTestApp()
  const department = await t.deps.db
    .insertInto('departments')
    .values({ name: '个人金融部' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const manager = await createStaff(t.deps, ['manager'], { departmentId: department.id })
  cookie = await signInAs(t.app, manager)
  target = await createCustomerAs(t.app, cookie, individual())
  await createCustomerAs(
    t.app,
    cookie,
    individual({
      name: '甄二',
      mobile: '13912345679',
      idNumber: '310115198506154429',
      email: 'zhen.er@example.com',
      bankCards: [],
      bankAccounts: [],
    }),
  )

  await sql`
    insert into customers (id, kind, owner_id, department_id, created_by, created_at, updated_at)
    select gen_random_uuid(), 'individual', ${manager.id}, ${department.id}, ${manager.id},
           now() - make_interval(secs => g), now()
    from generate_series(1, ${FILLERS}) g`.execute(t.deps.db)
  const fillers = sql`select id from customers where id not in (${target}) and not exists
    (select 1 from customer_keys k where k.customer_id = customers.id)`
  await sql`insert into customer_personal (customer_id, sealed)
    select id, jsonb_build_object('name', encode(decode(md5(id::text), 'hex'), 'base64')) from (${fillers}) f`.execute(
    t.deps.db,
  )
  await sql`insert into customer_search_tokens (field, token, customer_id)
    select field, md5(id::text || field), id from (${fillers}) f, (values ('mobile'), ('idNumber'), ('name')) v(field)`.execute(
    t.deps.db,
  )
  await sql`insert into customer_keys (customer_id, wrapped, master_key_id, key_version)
    select id, decode(md5(id::text), 'hex'), 'not-a-key', 1 from (${fillers}) f`.execute(t.deps.db)
  await sql`analyze`.execute(t.deps.db)

  const vault = t.deps.vault
  const open = vault.open
  vault.open = (...args) => {
    opened++
    return open(...args)
  }
})

describe(`exact search among ${FILLERS.toLocaleString('en-US')} customers (CLS-5)`, () => {
  it.each([
    ['mobile', CANARY.mobile],
    ['idNumber', CANARY.idNumber],
    ['email', CANARY.email],
  ])('finds the one customer by %s, opening only the values it shows', async (param, value) => {
    const count = Number(
      (
        await t.deps.db
          .selectFrom('customers')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    expect(count).toBe(FILLERS + 2)
    opened = 0
    const response = await call(t.app, {
      method: 'GET',
      url: `/api/v1/customers?${param}=${encodeURIComponent(value)}`,
      cookie,
    })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json().items.map((c: { id: string }) => c.id)).toEqual([target])
    // One customer's fields, never the table.
    expect(opened).toBeGreaterThan(0)
    expect(opened).toBeLessThanOrEqual(12)
  })
})
