import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../../test/test-database.js'
import type { DatabaseHandle } from '../../db/database.js'
import { AUDIT_REASON_CODES, isAuditAction } from '../audit-actions.js'
import { isRuleCode, RULE_CODES, RULE_FIXED_ACTIONS, RULE_PARAMS } from './rules.js'

let handle: DatabaseHandle
beforeAll(async () => {
  handle = await createTestDatabase()
})
afterAll(async () => {
  await handle.close()
})

/** Every action a rule's stored parameters name. */
function actionsIn(params: unknown): string[] {
  const named = (params as { actions?: unknown }).actions
  return Array.isArray(named) ? named.map(String) : []
}

describe('alert rules name only catalogued actions (AUD-3, issue 13)', () => {
  it('every rule a fresh installation holds parses, and every action and reason it names is in the audit vocabulary', async () => {
    const rows = await handle.db.selectFrom('alert_rules').select(['code', 'params']).execute()
    expect(rows.map((row) => row.code).sort()).toEqual([...RULE_CODES].sort())
    for (const row of rows) {
      if (!isRuleCode(row.code)) throw new Error(`unknown rule ${row.code}`)
      expect(RULE_PARAMS[row.code].safeParse(row.params).success, row.code).toBe(true)
      for (const action of actionsIn(row.params)) expect(isAuditAction(action), action).toBe(true)
      const prefix = (row.params as { reasonPrefix?: string }).reasonPrefix
      if (prefix)
        expect(
          AUDIT_REASON_CODES.some((r) => r.startsWith(prefix)),
          prefix,
        ).toBe(true)
    }
  })

  it('the actions rules watch by definition are catalogued', () => {
    for (const actions of Object.values(RULE_FIXED_ACTIONS)) {
      for (const action of actions) expect(isAuditAction(action), action).toBe(true)
    }
  })

  it('refuses parameters that name an action or a reason outside the vocabulary', () => {
    const bulk = { threshold: 20, windowMinutes: 10, actions: ['customer.revealed'] }
    expect(RULE_PARAMS.bulk_access.safeParse(bulk).success).toBe(true)
    expect(
      RULE_PARAMS.bulk_access.safeParse({ ...bulk, actions: ['customer.reveald'] }).success,
    ).toBe(false)
    expect(RULE_PARAMS.credential_reset.safeParse({ actions: ['account.reset'] }).success).toBe(
      false,
    )
    expect(RULE_PARAMS.out_of_scope.safeParse({ reasonPrefix: 'out_of' }).success).toBe(true)
    expect(RULE_PARAMS.out_of_scope.safeParse({ reasonPrefix: 'outofscope' }).success).toBe(false)
  })
})
