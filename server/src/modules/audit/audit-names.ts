import type { StoredEvent } from '../../audit/audit-log.js'
import type { Database } from '../../db/database.js'
import type { AppDeps } from '../../platform/deps.js'
import { displayNamesOf } from '../accounts/index.js'
import { loadCatalogue } from '../catalogue/index.js'
import { maskedNamesOf } from '../customers/index.js'

/** A name in both of the console's languages (UI-1): the console picks one, the export the one asked for. */
export type LocalName = { zh: string; en: string }

/**
 * What an event's codes and ids are called (issue 14 item 1): the actor's
 * display name, the target's name, each field's catalogue label, the
 * purpose's name. The event itself keeps its codes; these are read beside it
 * when it is shown or exported and never hashed.
 */
export type EventNames = {
  actorDisplayName: string | null
  targetName: LocalName | null
  /** One per field, in the event's order; null where the field is not a catalogue field. */
  fieldNames: (LocalName | null)[]
  purposeName: LocalName | null
}

/** Ids are uuids in every table that names them: anything else cannot match and is not queried. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Targets whose `fields` name attributes of the target itself, not customer fields. */
const OWN_ATTRIBUTE_TARGETS = new Set([
  'account',
  'department',
  'purpose',
  'field',
  'retention_policy',
  'alert_rule',
  'api_token',
  'approval',
  'notice',
  'calendar_day',
])

const same = (name: string): LocalName => ({ zh: name, en: name })

/**
 * The names for a page of events, read in a handful of queries whatever the
 * page's length. A customer is named by the masked presentation of their
 * name (CLS-4, the customer list's rule), never the plain value: the key is
 * opened for the name alone, and a destroyed customer (key shredded) has no
 * name. Names are looked up as they are now — a renamed account shows its
 * present display name; the event keeps the username it had.
 */
export async function namesForEvents(
  deps: AppDeps,
  rows: readonly StoredEvent[],
): Promise<(row: StoredEvent) => EventNames> {
  const { db } = deps
  const ids = (pick: (row: StoredEvent) => string | null) =>
    [...new Set(rows.map(pick).filter((id): id is string => id !== null && UUID.test(id)))].sort()
  const accountIds = [
    ...new Set([
      ...ids((r) => (r.actor_type === 'account' ? r.actor_id : null)),
      ...ids((r) => (r.target_type === 'account' ? r.target_id : null)),
    ]),
  ]
  const tokenIds = [
    ...new Set([
      ...ids((r) => (r.actor_type === 'token' ? r.actor_id : null)),
      ...ids((r) => (r.target_type === 'api_token' ? r.target_id : null)),
    ]),
  ]
  const departmentIds = ids((r) => (r.target_type === 'department' ? r.target_id : null))
  const customerIds = ids((r) => (r.target_type === 'customer' ? r.target_id : null))
  const needsPurposes = rows.some((r) => r.purpose !== null || r.target_type === 'purpose')
  const needsPolicies = rows.some((r) => r.target_type === 'retention_policy')

  const [accounts, tokens, departments, purposes, policies, catalogue, customers] =
    await Promise.all([
      displayNamesOf(db, accountIds),
      tokenNames(db, tokenIds),
      departmentNames(db, departmentIds),
      needsPurposes ? purposeNames(db) : new Map<string, LocalName>(),
      needsPolicies ? policyNames(db) : new Map<string, LocalName>(),
      loadCatalogue(db),
      maskedCustomerNames(deps, customerIds),
    ])

  const fieldName = (field: string): LocalName | null => {
    const entry = catalogue.get(field)
    return entry ? { zh: entry.labelZh, en: entry.labelEn } : null
  }
  const targetName = (row: StoredEvent): LocalName | null => {
    const id = row.target_id
    if (id === null) return null
    switch (row.target_type) {
      case 'customer':
        return customers.get(id) ?? null
      case 'account': {
        const name = accounts.get(id)
        return name === undefined ? null : same(name)
      }
      case 'api_token': {
        const token = tokens.get(id)
        return token === undefined ? null : same(token.name)
      }
      case 'department': {
        const name = departments.get(id)
        return name === undefined ? null : same(name)
      }
      case 'purpose':
        return purposes.get(id) ?? null
      case 'retention_policy':
        return policies.get(id) ?? null
      case 'field':
        return fieldName(id)
      default:
        return null
    }
  }
  return (row) => ({
    actorDisplayName:
      row.actor_id === null
        ? null
        : row.actor_type === 'account'
          ? (accounts.get(row.actor_id) ?? null)
          : row.actor_type === 'token'
            ? (tokens.get(row.actor_id)?.accountDisplayName ?? null)
            : null,
    targetName: targetName(row),
    fieldNames: (row.fields ?? []).map((field) =>
      row.target_type !== null && OWN_ATTRIBUTE_TARGETS.has(row.target_type)
        ? null
        : fieldName(field),
    ),
    purposeName: row.purpose === null ? null : (purposes.get(row.purpose) ?? null),
  })
}

async function tokenNames(
  db: Database,
  ids: string[],
): Promise<Map<string, { name: string; accountDisplayName: string }>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('api_tokens as t')
    .innerJoin('accounts as a', 'a.id', 't.account_id')
    .select(['t.id', 't.name', 'a.display_name'])
    .where('t.id', 'in', ids)
    .execute()
  return new Map(rows.map((r) => [r.id, { name: r.name, accountDisplayName: r.display_name }]))
}

async function departmentNames(db: Database, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('departments')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** Every purpose, retired ones too: an old event names the purpose it was recorded under. */
async function purposeNames(db: Database): Promise<Map<string, LocalName>> {
  const rows = await db.selectFrom('purposes').select(['code', 'name_zh', 'name_en']).execute()
  return new Map(rows.map((r) => [r.code, { zh: r.name_zh, en: r.name_en }]))
}

async function policyNames(db: Database): Promise<Map<string, LocalName>> {
  const rows = await db
    .selectFrom('retention_policies')
    .select(['code', 'name_zh', 'name_en'])
    .execute()
  return new Map(rows.map((r) => [r.code, { zh: r.name_zh, en: r.name_en }]))
}

/** Each customer's name as the masking module shows it, the same in both languages. */
async function maskedCustomerNames(deps: AppDeps, ids: string[]): Promise<Map<string, LocalName>> {
  const masked = await maskedNamesOf(deps, ids)
  return new Map([...masked].map(([id, name]) => [id, same(name)]))
}
