import { sql } from 'kysely'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { exportCustomerData } from '../customer-data/index.js'
import { openCustomer, selectCustomer } from '../customers/index.js'

/**
 * Sections the copy names (DSR-2) whose modules are still to come: the
 * disclosures to third parties. Until a holder yields one, none exist, and
 * the copy says so with an empty section.
 */
const SECTIONS_TO_COME = { disclosures: [] as unknown[] }

/**
 * Everything held about one customer (DSR-2), in plain text for the
 * customer: every registered holder's sections (the record, the consent
 * ledger with evidence and guardian opened, the requests, …), and a summary
 * of who accessed the record and why, from the audit trail. Nothing of any
 * other customer: every query is by this customer's id. Made on demand and
 * never stored.
 */
export async function buildAccessExport(deps: AppDeps, customerId: string) {
  const customer = await selectCustomer(deps.db, customerId)
  if (!customer) throw new AppError('CUSTOMER_NOT_FOUND')
  const { key } = await openCustomer(deps, customerId, true)

  const [held, accesses] = await Promise.all([
    exportCustomerData(deps.db, customerId, { vault: deps.vault, key }),
    deps.db
      .selectFrom('audit_events')
      .select([
        sql<string>`coalesce(actor_name, actor_type)`.as('actor'),
        'action',
        'purpose',
        sql<string>`count(*)`.as('times'),
        sql<Date>`min(occurred_at)`.as('first'),
        sql<Date>`max(occurred_at)`.as('last'),
      ])
      .where('target_type', '=', 'customer')
      .where('target_id', '=', customerId)
      .groupBy([sql`coalesce(actor_name, actor_type)`, 'action', 'purpose'])
      .orderBy(sql`max(occurred_at)`, 'desc')
      .execute(),
  ])

  return {
    format: 'custodia-personal-information/v1',
    generatedAt: deps.clock.now().toISOString(),
    ...withSectionsToCome(held),
    accessSummary: accesses.map((a) => ({
      who: a.actor,
      action: a.action,
      purpose: a.purpose,
      times: Number(a.times),
      first: new Date(a.first).toISOString(),
      last: new Date(a.last).toISOString(),
    })),
  }
}

/** The holders' sections, then each section to come that no holder yielded, empty. */
function withSectionsToCome<Held extends object>(held: Held): Held & typeof SECTIONS_TO_COME {
  const sections = { ...held } as Record<string, unknown>
  for (const [section, empty] of Object.entries(SECTIONS_TO_COME)) {
    if (!(section in sections)) sections[section] = empty
  }
  return sections as Held & typeof SECTIONS_TO_COME
}

export type AccessExport = Awaited<ReturnType<typeof buildAccessExport>>
