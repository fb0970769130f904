import { sql } from 'kysely'
import type { Database } from '../../db/database.js'
import type { ErrorCode } from '../../platform/errors.js'
import type { CustomerRecordKind } from '../../platform/http/customer-scope.js'

/** What the scope rule needs of the customer a record belongs to. */
export type OwningCustomer = {
  id: string
  owner_id: string | null
  department_id: string | null
  status: string
  created_by: string
}

type LinkedRecord = {
  /** The path in front of the id, as routes spell it: `/destructions/:id`. */
  resource: string
  /** The answer for a missing record — and so for one out of scope, which must look the same. */
  notFound: ErrorCode
  /** Ids of this kind; anything else is left to the route's validation (400). */
  idPattern: RegExp
  /** The table its rows live in (`customer_id` names the owner). */
  table: string
  /**
   * The customers the record belongs to: one, or none for a missing record
   * — or two for a pair of likely duplicates, which a caller must have both
   * of in scope.
   */
  customersOf(db: Database, id: string): Promise<OwningCustomer[]>
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const BIGINT = /^[1-9][0-9]{0,17}$/

async function customerById(db: Database, id: string): Promise<OwningCustomer[]> {
  return db
    .selectFrom('customers')
    .select(['id', 'owner_id', 'department_id', 'status', 'created_by'])
    .where('id', '=', id)
    .execute()
}

/** The customer of a row of `table`, in one query. */
const through =
  (table: string) =>
  async (db: Database, id: string): Promise<OwningCustomer[]> => {
    const { rows } = await sql<OwningCustomer>`
      select c.id, c.owner_id, c.department_id, c.status, c.created_by
      from ${sql.table(table)} r join customers c on c.id = r.customer_id
      where r.id = ${id}`.execute(db)
    return rows
  }

/** Both customers of a pair of likely duplicates. */
async function customersOfPair(db: Database, id: string): Promise<OwningCustomer[]> {
  const { rows } = await sql<OwningCustomer>`
    select c.id, c.owner_id, c.department_id, c.status, c.created_by
    from duplicate_pairs p join customers c on c.id in (p.customer_a, p.customer_b)
    where p.id = ${id}
    order by c.id`.execute(db)
  return rows
}

/** A merge belongs to the record that survived it (the other is a pointer to it). */
async function survivorOfMerge(db: Database, id: string): Promise<OwningCustomer[]> {
  const { rows } = await sql<OwningCustomer>`
    select c.id, c.owner_id, c.department_id, c.status, c.created_by
    from customer_merges m join customers c on c.id = m.survivor_id
    where m.id = ${id}`.execute(db)
  return rows
}

/**
 * One resolver per kind of customer-linked record: from the id in the path
 * to the customer it belongs to. A new kind of record that belongs to a
 * customer gets its entry here, and its routes name it.
 */
export const LINKED_RECORDS: Record<CustomerRecordKind, LinkedRecord> = {
  customer: {
    resource: '/customers',
    notFound: 'CUSTOMER_NOT_FOUND',
    idPattern: UUID,
    table: 'customers',
    customersOf: customerById,
  },
  consent: {
    resource: '/consents',
    notFound: 'NOT_FOUND',
    idPattern: BIGINT,
    table: 'consents',
    customersOf: through('consents'),
  },
  request: {
    resource: '/requests',
    notFound: 'REQUEST_NOT_FOUND',
    idPattern: UUID,
    table: 'data_requests',
    customersOf: through('data_requests'),
  },
  destruction: {
    resource: '/destructions',
    notFound: 'NOT_FOUND',
    idPattern: UUID,
    table: 'destructions',
    customersOf: through('destructions'),
  },
  legal_hold: {
    resource: '/legal-holds',
    notFound: 'NOT_FOUND',
    idPattern: UUID,
    table: 'legal_holds',
    customersOf: through('legal_holds'),
  },
  retention_review: {
    resource: '/retention/reviews',
    notFound: 'NOT_FOUND',
    idPattern: UUID,
    table: 'retention_reviews',
    customersOf: through('retention_reviews'),
  },
  deal: {
    resource: '/deals',
    notFound: 'DEAL_NOT_FOUND',
    idPattern: UUID,
    table: 'deals',
    customersOf: through('deals'),
  },
  interaction: {
    resource: '/interactions',
    notFound: 'INTERACTION_NOT_FOUND',
    idPattern: UUID,
    table: 'interactions',
    customersOf: through('interactions'),
  },
  follow_up: {
    resource: '/follow-ups',
    notFound: 'FOLLOW_UP_NOT_FOUND',
    idPattern: UUID,
    table: 'follow_ups',
    customersOf: through('follow_ups'),
  },
  feedback_response: {
    resource: '/feedback-responses',
    notFound: 'FEEDBACK_RESPONSE_NOT_FOUND',
    idPattern: UUID,
    table: 'feedback_responses',
    customersOf: through('feedback_responses'),
  },
  duplicate_pair: {
    resource: '/duplicates',
    notFound: 'DUPLICATE_PAIR_NOT_FOUND',
    idPattern: UUID,
    table: 'duplicate_pairs',
    customersOf: customersOfPair,
  },
  merge: {
    resource: '/merges',
    notFound: 'MERGE_NOT_FOUND',
    idPattern: UUID,
    table: 'customer_merges',
    customersOf: survivorOfMerge,
  },
}

/**
 * Tables keyed by a customer that no route names by a record id of their
 * own: the customer's key, sealed values and blind-index tokens, its reviews,
 * registrations and owners.
 */
export const CUSTOMER_STORE_TABLES = [
  'customer_keys',
  'customer_personal',
  'customer_sensitive',
  'customer_search_tokens',
  'customer_reviews',
  'customer_registrations',
  'customer_owner_changes',
  // Re-confirmations (DQ-2): reached through /customers/{id}/confirmations only.
  'customer_confirmations',
  // Survey invitations (CUS-7): reached through /customers/{id}/feedback, or a survey's
  // invitees filtered by the caller's scope; no route names one by its id.
  'feedback_invitations',
  // Tracking forms (客户追踪表): reached through /customers/{id}/tracking-form only; the
  // supervisors' list is of customers in the caller's scope, by customer id.
  'tracking_form_versions',
  'tracking_checks',
] as const

/**
 * Tables that may name a customer but whose rows are a department's own
 * records, reached only through routes scoped to the caller's department,
 * never through the customer: the reception registers (a visitor or caller
 * need not be anyone's customer). Linking a customer checks the caller's
 * scope on it through the guard when the visit or call is entered; the
 * register shows the link's id and nothing of the customer. The pool's
 * warnings and picks (CUS-10) likewise: reached only through the pool's
 * routes, under the pool rule (customer-policy mayBrowsePool).
 */
export const DEPARTMENT_RECORD_TABLES = [
  'reception_visits',
  'reception_calls',
  'pool_warnings',
  'pool_picks',
  // A weekly review's plan items (CUS-8): a department's review, each item shown only
  // for a customer in the caller's scope; the follow-up it made is the follow-ups' own.
  'weekly_review_items',
] as const

/** The kind whose records a path names by a parameter right after its resource, if any. */
export function linkedKindOfPath(url: string): CustomerRecordKind | undefined {
  const kinds = Object.entries(LINKED_RECORDS) as [CustomerRecordKind, LinkedRecord][]
  return kinds.find(([, linked]) => new RegExp(`${linked.resource}/:`).test(url))?.[0]
}
