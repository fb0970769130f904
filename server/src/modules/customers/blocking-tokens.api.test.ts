import { beforeAll, describe, expect, it } from 'vitest'
import { CANARY_STRINGS, createCustomerAs, individual } from '../../../test/customer-fixtures.js'
import { createDepartment, signedIn } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'

/**
 * DQ-1: a customer's blocking keys for likely-duplicate detection are made
 * as it is saved, where its plain values are in memory, and stored as keyed
 * tokens beside its search tokens (fields `dup_…`); a change renews them.
 */
let t: TestApp
let manager: string

beforeAll(async () => {
  t = await createTestApp()
  manager = await signedIn(t.app, t.deps, 'manager', await createDepartment(t.deps, '零售业务部'))
})

const keysOf = async (customerId: string) =>
  (
    await t.deps.db
      .selectFrom('customer_search_tokens')
      .select(['field', 'token'])
      .where('customer_id', '=', customerId)
      .where('field', 'like', 'dup\\_%')
      .execute()
  ).map((row) => `${row.field}:${row.token}`)

describe('blocking keys at entry and change (DQ-1)', () => {
  it('are stored as tokens when a customer is created, shared by a homophone, renewed by a change', async () => {
    const first = await createCustomerAs(
      t.app,
      manager,
      individual({ name: '李友琴', mobile: '13912345678', email: 'li.youqin@example.com' }),
    )
    const homophone = await createCustomerAs(
      t.app,
      manager,
      individual({ name: '李友勤', mobile: '13987654321', email: 'yq.li@example.net' }),
    )
    const keys = await keysOf(first)
    const fields = new Set(keys.map((key) => key.split(':')[0]))
    for (const field of ['dup_name_pinyin', 'dup_mobile', 'dup_email', 'dup_id_number']) {
      expect(fields).toContain(field)
    }
    // 李友琴 and 李友勤 are read alike: they share the name's pinyin key, and so are compared.
    const pinyin = (list: string[]) => list.filter((key) => key.startsWith('dup_name_pinyin:'))
    expect(pinyin(await keysOf(homophone))).toEqual(pinyin(keys))
    // Tokens only: no plain value in any of them.
    for (const key of keys) {
      for (const plain of [...CANARY_STRINGS, '李友琴', '13912345678', 'li.youqin']) {
        expect(key).not.toContain(plain)
      }
    }

    const changed = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/customers/${first}`,
      cookie: manager,
      payload: { mobile: '13700001111' },
    })
    expect(changed.statusCode, changed.body).toBe(200)
    const after = await keysOf(first)
    const mobileKey = (list: string[]) => list.filter((key) => key.startsWith('dup_mobile:'))
    expect(mobileKey(after)).toHaveLength(1)
    expect(mobileKey(after)).not.toEqual(mobileKey(keys))
    expect(pinyin(after)).toEqual(pinyin(keys))
  })
})
