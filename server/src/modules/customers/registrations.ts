import type { Kysely, Selectable, Transaction } from 'kysely'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { CustomerRegistrationTable, DB, OwnerChangeKind } from '../../db/schema.js'
import { DAY } from '../../platform/clock.js'
import type { Call, Caller } from '../../platform/http/call.js'
import type { Principal } from '../../platform/http/principal.js'

/*
 * 建档 and the first-visit rule (CUS-5; S0 篇五 (五)): who registered a
 * customer, and until when the registration holds. A customer has at most
 * one open registration (not ended); it is valid until `valid_until`, which
 * a follow-up or a deal renews as the company configures. The earliest
 * registration still valid decides whose customer it is; an expired one
 * still names the registrant, but earns them nothing (deals) and lets the
 * pool take the customer back (CUS-10). Ending one (transfer, recycling,
 * destruction) keeps it as history.
 */

export type AttributionSettings = {
  registrationValidityDays: number
  renewOnFollowUp: boolean
  renewOnDeal: boolean
  rejectedDraftDays: number
}

export async function attributionSettings(db: Kysely<DB>): Promise<AttributionSettings> {
  const row = await db.selectFrom('attribution_settings').selectAll().executeTakeFirstOrThrow()
  return {
    registrationValidityDays: row.registration_validity_days,
    renewOnFollowUp: row.renew_on_follow_up,
    renewOnDeal: row.renew_on_deal,
    rejectedDraftDays: row.rejected_draft_days,
  }
}

/**
 * PUT /customers/attribution-settings: the validity period, what renews it,
 * how long a rejected draft is kept. Takes effect for what comes next: a
 * registration already made keeps the date it was given.
 */
export async function setAttributionSettings(
  call: Call,
  settings: AttributionSettings,
): Promise<AttributionSettings> {
  const { now } = call
  await call.deps.db.transaction().execute(async (trx) => {
    const before = await attributionSettings(trx)
    await trx
      .updateTable('attribution_settings')
      .set({
        registration_validity_days: settings.registrationValidityDays,
        renew_on_follow_up: settings.renewOnFollowUp,
        renew_on_deal: settings.renewOnDeal,
        rejected_draft_days: settings.rejectedDraftDays,
      })
      .where('id', '=', true)
      .execute()
    await recordAuditEvent(trx, now, call.context, {
      actor: call.principal.actor,
      action: 'customer.attribution_settings_changed',
      details: { before, after: settings },
    })
  })
  return attributionSettings(call.deps.db)
}

export type Registration = {
  id: string
  customerId: string
  accountId: string
  departmentId: string | null
  registeredAt: Date
  validUntil: Date
  /** Still valid at the moment asked about. */
  valid: boolean
}

function registrationOf(row: Selectable<CustomerRegistrationTable>, at: Date): Registration {
  return {
    id: row.id,
    customerId: row.customer_id,
    accountId: row.account_id,
    departmentId: row.department_id,
    registeredAt: row.registered_at,
    validUntil: row.valid_until,
    valid: row.valid_until.getTime() > at.getTime(),
  }
}

/** The customer's open registration (valid or expired), or none: a customer in the pool has none. */
export async function currentRegistration(
  db: Kysely<DB> | Transaction<DB>,
  customerId: string,
  at: Date,
): Promise<Registration | undefined> {
  const [found] = await currentRegistrations(db, [customerId], at)
  return found
}

/** The open registration of each of `customerIds` that has one. */
export async function currentRegistrations(
  db: Kysely<DB> | Transaction<DB>,
  customerIds: readonly string[],
  at: Date,
): Promise<Registration[]> {
  if (customerIds.length === 0) return []
  const rows = await db
    .selectFrom('customer_registrations')
    .selectAll()
    .where('customer_id', 'in', [...customerIds])
    .where('ended_at', 'is', null)
    .orderBy('registered_at')
    .execute()
  return rows.map((row) => registrationOf(row, at))
}

type NewRegistration = {
  customerId: string
  accountId: string
  departmentId: string | null
  at: Date
}

/** A new registration of `customerId` by `accountId` at `at`, valid for the configured period. */
export async function registerCustomer(
  trx: Transaction<DB>,
  registration: NewRegistration,
): Promise<void> {
  await registerCustomers(trx, [registration])
}

/** Registrations for a batch of new customers, in one statement per thousand. */
export async function registerCustomers(
  trx: Transaction<DB>,
  registrations: readonly NewRegistration[],
): Promise<void> {
  if (registrations.length === 0) return
  const { registrationValidityDays } = await attributionSettings(trx)
  for (let i = 0; i < registrations.length; i += 1000) {
    await trx
      .insertInto('customer_registrations')
      .values(
        registrations.slice(i, i + 1000).map((r) => ({
          customer_id: r.customerId,
          account_id: r.accountId,
          department_id: r.departmentId,
          registered_at: r.at,
          valid_until: new Date(r.at.getTime() + registrationValidityDays * DAY),
        })),
      )
      .execute()
  }
}

/**
 * A follow-up (a visit, a call, an interaction) or a deal with the customer
 * at `at`: the pool's clock starts again, and the open registration is
 * renewed for a full period if the company renews on that kind of work.
 */
export async function recordCustomerActivity(
  trx: Transaction<DB>,
  activity: { customerId: string; at: Date; kind: 'follow_up' | 'deal' },
): Promise<void> {
  const { customerId, at, kind } = activity
  await trx
    .updateTable('customers')
    .set({ last_activity_at: at })
    .where('id', '=', customerId)
    .where((eb) => eb.or([eb('last_activity_at', 'is', null), eb('last_activity_at', '<', at)]))
    .execute()
  const settings = await attributionSettings(trx)
  const renews = kind === 'deal' ? settings.renewOnDeal : settings.renewOnFollowUp
  if (!renews) return
  await trx
    .updateTable('customer_registrations')
    .set({ valid_until: new Date(at.getTime() + settings.registrationValidityDays * DAY) })
    .where('customer_id', '=', customerId)
    .where('ended_at', 'is', null)
    // An expired registration is not revived by work done after it lapsed.
    .where('valid_until', '>', at)
    .execute()
}

/**
 * A customer's first contact (issue 17 §6): the earliest interaction logged
 * with it, and who made it — an interaction logged later for an earlier
 * moment takes its place. Read by the statistics' first contacts.
 */
export async function recordFirstContact(
  trx: Transaction<DB>,
  contact: { customerId: string; at: Date; staffId: string },
): Promise<void> {
  await trx
    .updateTable('customers')
    .set({ first_contact_at: contact.at, first_contact_by: contact.staffId })
    .where('id', '=', contact.customerId)
    .where((eb) =>
      eb.or([eb('first_contact_at', 'is', null), eb('first_contact_at', '>', contact.at)]),
    )
    .execute()
}

export type OwnerChange = {
  customerId: string
  /** The new owner; null returns the customer to its department's pool. */
  toOwnerId: string | null
  toDepartmentId: string | null
  kind: OwnerChangeKind
  /** A reason code (docs/attribution.md). */
  reason: string
}

/**
 * Gives the customer to another owner (or to the pool), keeping the history
 * and auditing the change. Who the registration credits follows the kind:
 * a transfer or a pick ends the open registration and registers the new
 * owner; a return to the pool ends it; the customer's wish (以客户意愿为主)
 * moves the follow-up and leaves the registration where it is, so that the
 * credit split of a later deal still counts it.
 */
export async function changeOwner(
  trx: Transaction<DB>,
  call: Call<Caller & Partial<Pick<Principal, 'accountId'>>>,
  change: OwnerChange,
): Promise<void> {
  const { now } = call
  const before = await trx
    .selectFrom('customers')
    .select(['owner_id', 'department_id'])
    .where('id', '=', change.customerId)
    .forUpdate()
    .executeTakeFirstOrThrow()
  await trx
    .updateTable('customers')
    .set({ owner_id: change.toOwnerId, department_id: change.toDepartmentId, updated_at: now })
    .where('id', '=', change.customerId)
    .execute()
  // Every change is kept, a pick from the pool (no owner before it) too.
  await trx
    .insertInto('customer_owner_changes')
    .values({
      customer_id: change.customerId,
      from_owner_id: before.owner_id,
      to_owner_id: change.toOwnerId,
      from_department_id: before.department_id,
      to_department_id: change.toDepartmentId,
      kind: change.kind,
      reason: change.reason,
      changed_by: call.principal.accountId ?? null,
      changed_at: now,
    })
    .execute()
  if (change.kind !== 'wish') {
    await trx
      .updateTable('customer_registrations')
      .set({ ended_at: now, ended_reason: change.kind === 'recycled' ? 'recycled' : 'transferred' })
      .where('customer_id', '=', change.customerId)
      .where('ended_at', 'is', null)
      .execute()
  }
  if ((change.kind === 'transfer' || change.kind === 'picked') && change.toOwnerId !== null) {
    await registerCustomer(trx, {
      customerId: change.customerId,
      accountId: change.toOwnerId,
      departmentId: change.toDepartmentId,
      at: now,
    })
  }
  await recordAuditEvent(trx, now, call.context, {
    actor: call.principal.actor,
    action: 'customer.owner_changed',
    target: { type: 'customer', id: change.customerId },
    details: {
      kind: change.kind,
      reason: change.reason,
      from: before.owner_id,
      to: change.toOwnerId,
    },
  })
}

/** The customer's owners over time, oldest first. */
export async function ownerHistory(db: Kysely<DB>, customerId: string) {
  return db
    .selectFrom('customer_owner_changes')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('changed_at')
    .execute()
}
