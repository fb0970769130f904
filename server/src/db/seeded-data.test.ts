import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../test/test-database.js'
import { PRC_CALENDAR_2026 } from '../modules/calendar/prc-calendar.js'
import { DEFAULT_CATALOGUE } from '../modules/catalogue/default-catalogue.js'
import {
  DESTRUCTION_REASONS,
  RULE_DESTRUCTION_REASONS,
} from '../modules/destruction/destruction-reasons.js'
import { PURPOSES_WITH_RECIPIENT, SENSITIVE_CONSENT } from '../modules/purposes/default-purposes.js'
import { isPermission } from '../security/permissions.js'
import { ROLES } from '../security/roles.js'
import type { DatabaseHandle } from './database.js'

/**
 * Migrations seed frozen copies of their data (docs/security.md,
 * "Migrations"); the code keeps its own lists for use at run time. A freshly
 * migrated database must hold what those lists say: a list changed without
 * the migration that brings every database along fails here.
 */
let handle: DatabaseHandle

beforeAll(async () => {
  handle = await createTestDatabase()
})
afterAll(async () => {
  await handle.close()
})

describe('a freshly migrated database holds the data the code relies on', () => {
  it('the field catalogue is the default catalogue (CLS-1)', async () => {
    const rows = await handle.db.selectFrom('field_catalogue').selectAll().execute()
    const stored = rows.map((row) => ({
      field: row.field,
      appliesTo: row.applies_to,
      labelZh: row.label_zh,
      labelEn: row.label_en,
      level: row.level,
      sensitive: row.sensitive,
      masking: row.masking,
      encrypted: row.encrypted,
      searchable: row.searchable,
      dataType: row.data_type,
      retentionDays: row.retention_days,
      custom: row.custom,
    }))
    const byField = (a: { field: string }, b: { field: string }) => a.field.localeCompare(b.field)
    expect(stored.sort(byField)).toEqual(
      DEFAULT_CATALOGUE.map((entry) => ({ ...entry, custom: false })).sort(byField),
    )
  })

  it('the calendar is the PRC calendar of 2026 (DSR-1)', async () => {
    const rows = await handle.db
      .selectFrom('calendar_days')
      .select(['day', 'kind', 'name'])
      .orderBy('day')
      .execute()
    expect(rows).toEqual([...PRC_CALENDAR_2026].sort((a, b) => a.day.localeCompare(b.day)))
  })

  it('a destruction takes exactly the reasons the code offers (RET-2)', async () => {
    const { rows } = await sql<{ definition: string }>`
      select pg_get_constraintdef(oid) as definition from pg_constraint
      where conrelid = 'destructions'::regclass and contype = 'c'
        and pg_get_constraintdef(oid) like '%reason%'`.execute(handle.db)
    expect(rows).toHaveLength(1)
    const allowed = [...(rows[0]?.definition ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1])
    expect(allowed.sort()).toEqual([...DESTRUCTION_REASONS, ...RULE_DESTRUCTION_REASONS].sort())
  })

  it('the roles are the roles of the code, granting only permissions it knows (ACC-1)', async () => {
    const roles = await handle.db.selectFrom('roles').select('code').execute()
    expect(roles.map((r) => r.code).sort()).toEqual([...ROLES].sort())
    const granted = await handle.db.selectFrom('role_permissions').select('permission').execute()
    expect(granted.filter((g) => !isPermission(g.permission))).toEqual([])
  })

  it('the purposes the code names are there, each resting on consent (CON-2, CON-3)', async () => {
    const named = [...PURPOSES_WITH_RECIPIENT, SENSITIVE_CONSENT]
    const rows = await handle.db
      .selectFrom('purposes')
      .select(['code', 'legal_basis'])
      .where('code', 'in', named)
      .execute()
    expect(rows.map((r) => r.code).sort()).toEqual(named.sort())
    for (const row of rows) expect(row.legal_basis, row.code).toBe('consent')
  })
})
