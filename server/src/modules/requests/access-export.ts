import { sql } from 'kysely'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { loadCatalogue } from '../catalogue/catalogue.service.js'
import { RECIPIENT_ADDRESS } from '../consents/consent-ledger.js'
import { ATTRIBUTE_COLUMNS, ATTRIBUTE_FIELDS } from '../customers/customer-input.js'
import { openCustomer } from '../customers/customer-key.js'
import { openValues } from '../customers/customer-records.js'
import type { PersonalValue } from '../customers/customer-values.js'
import { selectCustomer } from '../customers/customers.repository.js'

export type FieldValue = { field: string; labelZh: string; labelEn: string; value: PersonalValue }

/**
 * Everything held about one customer (DSR-2), in plain text for the
 * customer: the record, the consent ledger (evidence and guardian opened),
 * the requests, interactions and disclosures, and a summary of who accessed
 * the record and why. Nothing of any other customer: every query is by this
 * customer's id. Made on demand and never stored.
 */
export async function buildAccessExport(deps: AppDeps, customerId: string) {
  const customer = await selectCustomer(deps.db, customerId)
  if (!customer) throw new AppError('CUSTOMER_NOT_FOUND')
  const catalogue = await loadCatalogue(deps.db)
  const { key, sealed } = await openCustomer(deps, customerId, true)
  const entries = catalogue.personalFields(customer.kind)
  const values = openValues(
    deps.vault,
    key,
    catalogue,
    sealed,
    entries.map((e) => e.field),
  )
  const record: FieldValue[] = []
  for (const field of ATTRIBUTE_FIELDS) {
    const value = customer[ATTRIBUTE_COLUMNS[field]]
    const entry = catalogue.get(field)
    if (value !== null && entry)
      record.push({ field, labelZh: entry.labelZh, labelEn: entry.labelEn, value })
  }
  for (const entry of entries) {
    const value = values.get(entry.field)
    if (value !== undefined) {
      record.push({ field: entry.field, labelZh: entry.labelZh, labelEn: entry.labelEn, value })
    }
  }

  const [consents, requests, accesses] = await Promise.all([
    deps.db
      .selectFrom('consents as k')
      .innerJoin('purposes as p', 'p.code', 'k.purpose')
      .select([
        'k.purpose',
        'p.name_zh',
        'p.name_en',
        'k.granted',
        'k.channel',
        'k.notice_version',
        'k.by_guardian',
        'k.sealed',
        'k.recorded_at',
      ])
      .where('k.customer_id', '=', customerId)
      .orderBy('k.id')
      .execute(),
    deps.db
      .selectFrom('data_requests')
      .select(['type', 'status', 'received_at', 'due_at', 'closed_at'])
      .where('customer_id', '=', customerId)
      .orderBy('received_at')
      .execute(),
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

  const open = (sealedValues: Record<string, string>, field: string, address: string) =>
    sealedValues[field] ? deps.vault.open(key, address, sealedValues[field]) : null
  return {
    format: 'custodia-personal-information/v1',
    generatedAt: deps.clock.now().toISOString(),
    customer: {
      id: customer.id,
      kind: customer.kind,
      status: customer.status,
      createdAt: customer.created_at.toISOString(),
      updatedAt: customer.updated_at.toISOString(),
      fields: record,
    },
    consents: consents.map((c) => {
      const guardian = open(c.sealed, 'guardian', 'consent.guardian')
      return {
        purpose: c.purpose,
        purposeName: { 'zh-CN': c.name_zh, en: c.name_en },
        granted: c.granted,
        channel: c.channel,
        noticeVersion: c.notice_version,
        recipient: open(c.sealed, 'recipient', RECIPIENT_ADDRESS),
        guardian: guardian ? (JSON.parse(guardian) as { name: string; relation: string }) : null,
        evidence: open(c.sealed, 'evidence', 'consent.evidence'),
        recordedAt: c.recorded_at.toISOString(),
      }
    }),
    requests: requests.map((r) => ({
      type: r.type,
      status: r.status,
      receivedAt: r.received_at.toISOString(),
      dueAt: r.due_at.toISOString(),
      closedAt: r.closed_at?.toISOString() ?? null,
    })),
    // Interaction records and disclosures to third parties are kept by
    // modules still to come; until then none exist, and the export says so.
    interactions: [] as unknown[],
    disclosures: [] as unknown[],
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

export type AccessExport = Awaited<ReturnType<typeof buildAccessExport>>
