import { type ExpressionBuilder, type Insertable, type Kysely, type Selectable, sql } from 'kysely'
import { compiledOnce } from '../../db/compiled-once.js'
import type { CustomerKeyTable, CustomerTable, DB, SealedValues } from '../../db/schema.js'
import {
  type Clearance,
  consentBasisCondition,
  GONE_STATUSES,
  scopeCondition,
  scopeReach,
} from '../../security/customer-policy.js'
import type { SearchToken } from './search-tokens.js'

export type CustomerRow = Selectable<CustomerTable>

/** Everything stored for one new customer: plain row, wrapped key, sealed values, tokens. */
export type NewCustomerRecord = {
  customer: CustomerRow
  key: CustomerKeyTable
  personal: SealedValues
  sensitive: SealedValues
  tokens: SearchToken[]
}

/** Sealed values of one customer; `sensitive` only when the caller asked for them (CLS-3). */
export type SealedRecord = {
  key: CustomerKeyTable
  personal: SealedValues
  sensitive: SealedValues | null
}

const CHUNK = 500

export async function insertCustomers(db: Kysely<DB>, records: NewCustomerRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += CHUNK) {
    const chunk = records.slice(i, i + CHUNK)
    await db
      .insertInto('customers')
      .values(chunk.map((r) => r.customer))
      .execute()
    await db
      .insertInto('customer_keys')
      .values(chunk.map((r) => r.key))
      .execute()
    await insertSealed(
      db,
      'customer_personal',
      chunk.map((r) => [r.customer.id, r.personal]),
    )
    await insertSealed(
      db,
      'customer_sensitive',
      chunk.map((r) => [r.customer.id, r.sensitive]),
    )
    const tokens = chunk.flatMap((r) =>
      r.tokens.map((t) => ({ field: t.field, token: t.token, customer_id: r.customer.id })),
    )
    for (let j = 0; j < tokens.length; j += CHUNK * 4) {
      await db
        .insertInto('customer_search_tokens')
        .values(tokens.slice(j, j + CHUNK * 4))
        .execute()
    }
  }
}

async function insertSealed(
  db: Kysely<DB>,
  table: 'customer_personal' | 'customer_sensitive',
  rows: [string, SealedValues][],
): Promise<void> {
  const nonEmpty = rows.filter(([, sealed]) => Object.keys(sealed).length > 0)
  if (nonEmpty.length === 0) return
  await db
    .insertInto(table)
    .values(nonEmpty.map(([id, sealed]) => ({ customer_id: id, sealed: JSON.stringify(sealed) })))
    .execute()
}

export async function selectCustomer(db: Kysely<DB>, id: string): Promise<CustomerRow | undefined> {
  return db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Locks the row for a change. */
export async function selectCustomerForUpdate(
  db: Kysely<DB>,
  id: string,
): Promise<CustomerRow | undefined> {
  return db.selectFrom('customers').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

/**
 * The sealed values of some customers. The sensitive store is read only when
 * asked: a query for general data never carries sensitive values (CLS-3).
 */
export async function selectSealed(
  db: Kysely<DB>,
  ids: string[],
  withSensitive: boolean,
): Promise<Map<string, SealedRecord>> {
  if (ids.length === 0) return new Map()
  const query = db
    .selectFrom('customer_keys as k')
    .leftJoin('customer_personal as p', 'p.customer_id', 'k.customer_id')
    .select([
      'k.customer_id',
      'k.wrapped',
      'k.master_key_id',
      'k.key_version',
      sql<SealedValues | null>`p.sealed`.as('personal'),
    ])
    .where('k.customer_id', 'in', ids)
  const rows = withSensitive
    ? await query
        .leftJoin('customer_sensitive as s', 's.customer_id', 'k.customer_id')
        .select(sql<SealedValues | null>`s.sealed`.as('sensitive'))
        .execute()
    : (await query.execute()).map((r) => ({ ...r, sensitive: null }))
  return new Map(
    rows.map((r) => [
      r.customer_id,
      {
        key: {
          customer_id: r.customer_id,
          wrapped: r.wrapped,
          master_key_id: r.master_key_id,
          key_version: r.key_version,
        },
        personal: r.personal ?? {},
        sensitive: withSensitive ? (r.sensitive ?? {}) : null,
      },
    ]),
  )
}

/**
 * Whose customer it is (CUS-5): the owner and the open registration (建档),
 * read with the record, names included.
 */
export type Attribution = {
  owner: { id: string; name: string } | null
  registration: {
    registeredBy: { id: string; name: string }
    registeredAt: Date
    validUntil: Date
  } | null
}

/** A customer's row with its sealed values (none once destroyed) and its attribution. */
export type CustomerRead = {
  row: CustomerRow
  sealed: SealedRecord | null
  attribution?: Attribution
}

/** The customer's open registration (建档) and its registrant's name, beside a customers row. */
function openRegistration(eb: ExpressionBuilder<DB, 'customers'>) {
  return eb
    .selectFrom('customer_registrations as r')
    .innerJoin('accounts as ra', 'ra.id', 'r.account_id')
    .select([
      'r.account_id as reg_account',
      'ra.display_name as reg_name',
      'r.registered_at as reg_at',
      'r.valid_until as reg_until',
    ])
    .whereRef('r.customer_id', '=', 'customers.id')
    .where('r.ended_at', 'is', null)
    .orderBy('r.registered_at')
    .limit(1)
    .as('reg')
}

/**
 * Customers joined with their key and sealed values: one statement reads a
 * record and what is needed to open it. A destroyed customer has no key
 * left: its row still answers, with nothing sealed. CLS-3: the sensitive
 * store is read only when the caller may see from it. `withAttribution`
 * joins the owner's name and the open registration too: for one record, in
 * the same round trip; a page reads them apart, for its own rows only
 * (`attributionsOf`), so that the page's plan stays a walk of its index.
 */
function customersWithSealed(
  db: Kysely<DB>,
  withSensitive: boolean,
  withAttribution: boolean,
  fields?: ReadonlySet<string>,
) {
  const sealed = db
    .selectFrom('customers')
    .leftJoin('customer_keys as k', 'k.customer_id', 'customers.id')
    .leftJoin('customer_personal as p', 'p.customer_id', 'customers.id')
    .selectAll('customers')
    .select([
      'k.wrapped',
      'k.master_key_id',
      'k.key_version',
      sql<SealedValues | null>`${sealedValuesOf('p', fields)}`.as('personal'),
      withSensitive
        ? sql<SealedValues | null>`(select ${sealedValuesOf('s', fields)} from customer_sensitive s where s.customer_id = customers.id)`.as(
            'sensitive',
          )
        : sql<null>`null`.as('sensitive'),
    ])
  if (!withAttribution) {
    return sealed.select([
      sql<string | null>`null`.as('owner_name'),
      sql<string | null>`null`.as('reg_account'),
      sql<string | null>`null`.as('reg_name'),
      sql<Date | null>`null`.as('reg_at'),
      sql<Date | null>`null`.as('reg_until'),
    ])
  }
  return sealed
    .leftJoin('accounts as owner', 'owner.id', 'customers.owner_id')
    .leftJoinLateral(openRegistration, (join) => join.onTrue())
    .select([
      'owner.display_name as owner_name',
      'reg.reg_account',
      'reg.reg_name',
      'reg.reg_at',
      'reg.reg_until',
    ])
}

/**
 * A store's map of sealed values, or only the entries of `fields`: a page
 * showing two fields reads two sealed values a row from the database, not
 * the whole map (issue 15).
 */
function sealedValuesOf(store: 'p' | 's', fields: ReadonlySet<string> | undefined) {
  const column = sql.ref(`${store}.sealed`)
  if (!fields) return column
  const entries = [...fields].flatMap((field) => [
    sql`${field}::text`,
    sql`${column} -> ${field}::text`,
  ])
  return sql`jsonb_strip_nulls(jsonb_build_object(${sql.join(entries)}))`
}

/** Whose customer each of `ids` is: owner and open registration, by id. */
export async function attributionsOf(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<Map<string, Attribution>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('customers')
    .leftJoin('accounts as owner', 'owner.id', 'customers.owner_id')
    .leftJoinLateral(openRegistration, (join) => join.onTrue())
    .select([
      'customers.id',
      'customers.owner_id',
      'owner.display_name as owner_name',
      'reg.reg_account',
      'reg.reg_name',
      'reg.reg_at',
      'reg.reg_until',
    ])
    // One array parameter: one prepared statement whatever the page's size,
    // where `in (…)` made one of 1 to 100 parameters, each planned apart.
    .where(sql<boolean>`customers.id = any(${[...ids]}::uuid[])`)
    .execute()
  return new Map(rows.map((row) => [row.id, attributionOf(row)]))
}

/** Whose customer it is, alone: for an answer that has the record already (an update). */
export async function selectAttribution(
  db: Kysely<DB>,
  id: string,
): Promise<Attribution | undefined> {
  return (await attributionsOf(db, [id])).get(id)
}

/** The read of one customer by id, compiled once for each of the two shapes. */
const customerById = {
  withSensitive: compiledOnce((db: Kysely<DB>, id: string) =>
    customersWithSealed(db, true, true).where('customers.id', '=', id),
  ),
  withoutSensitive: compiledOnce((db: Kysely<DB>, id: string) =>
    customersWithSealed(db, false, true).where('customers.id', '=', id),
  ),
}

/** One customer and its sealed values in one round trip (the hot path of GET /customers/{id}). */
export async function selectCustomerWithSealed(
  db: Kysely<DB>,
  id: string,
  withSensitive: boolean,
): Promise<CustomerRead | undefined> {
  const read = withSensitive ? customerById.withSensitive : customerById.withoutSensitive
  const [found] = await read(db, id)
  return found && toCustomerRead(found, withSensitive)
}

type JoinedRead = CustomerRow & {
  wrapped: CustomerKeyTable['wrapped'] | null
  master_key_id: CustomerKeyTable['master_key_id'] | null
  key_version: CustomerKeyTable['key_version'] | null
  personal: SealedValues | null
  sensitive: SealedValues | null
  owner_name: string | null
  reg_account: string | null
  reg_name: string | null
  reg_at: Date | null
  reg_until: Date | null
}

type AttributionColumns = {
  owner_id: string | null
  owner_name: string | null
  reg_account: string | null
  reg_name: string | null
  reg_at: Date | null
  reg_until: Date | null
}

function attributionOf(columns: AttributionColumns): Attribution {
  const { owner_id, owner_name, reg_account, reg_name, reg_at, reg_until } = columns
  return {
    owner: owner_id ? { id: owner_id, name: owner_name ?? '' } : null,
    registration:
      reg_account && reg_at && reg_until
        ? {
            registeredBy: { id: reg_account, name: reg_name ?? '' },
            registeredAt: reg_at,
            validUntil: reg_until,
          }
        : null,
  }
}

/** A customer row joined with its key, sealed stores and attribution, as a CustomerRead. */
function toCustomerRead(joined: JoinedRead, withSensitive: boolean): CustomerRead {
  const { wrapped, master_key_id, key_version, personal, sensitive, ...rest } = joined
  const { owner_name, reg_account, reg_name, reg_at, reg_until, ...row } = rest
  const attribution = attributionOf({
    owner_id: row.owner_id,
    owner_name,
    reg_account,
    reg_name,
    reg_at,
    reg_until,
  })
  if (wrapped === null || master_key_id === null || key_version === null) {
    return { row, sealed: null, attribution }
  }
  return {
    row,
    attribution,
    sealed: {
      key: { customer_id: row.id, wrapped, master_key_id, key_version },
      personal: personal ?? {},
      sensitive: withSensitive ? (sensitive ?? {}) : null,
    },
  }
}

export type PageCursor = { createdAt: Date; id: string }

/**
 * One page of customers in the caller's scope, newest first, each with its
 * sealed values, in one round trip; optionally only those having every one
 * of the token groups (within a group, any token matches), matched in the
 * same statement (CLS-5: searches run on blind-index tokens only).
 */
export async function pageCustomers(
  db: Kysely<DB>,
  clearance: Clearance,
  options: {
    tokenGroups?: SearchToken[][]
    after?: PageCursor
    limit: number
    /** Plain attributes to match exactly (CUS-3), within the scope. */
    where?: { grade?: string; source?: string; departmentId?: string; status?: string }
    /** Only customers, not restricted, whose standing consent covers this purpose (CON-3). */
    consentTo?: string
    /** CLS-3: the sensitive store joins only when the caller may see from it. */
    withSensitive: boolean
    /** Only these personal fields are read (GET /customers?fields=); every one when absent. */
    fields?: ReadonlySet<string>
  },
): Promise<CustomerRead[]> {
  const reach = scopeReach(clearance)
  if (reach === 'none') return []
  // Destroyed customers are gone from every list (RET-2), and records merged away (DQ-1).
  let query = customersWithSealed(db, options.withSensitive, false, options.fields).where(
    'customers.status',
    'not in',
    GONE_STATUSES,
  )
  // The scope, and (for a caller who reviews nothing) no one else's unreviewed entries.
  if (reach === 'some' || !clearance.mayReview) {
    query = query.where(scopeCondition(clearance, 'customers'))
  }
  for (const group of options.tokenGroups ?? []) {
    const matching = db
      .selectFrom('customer_search_tokens')
      .select('customer_id')
      .where((t) =>
        t.or(
          group.map((token) => t.and([t('field', '=', token.field), t('token', '=', token.token)])),
        ),
      )
    // `= any(array(…))`: the tokens are looked up first, once, and the
    // customers fetched by primary key. As `in (…)`, the planner may walk
    // the department's page index in order, testing every customer, hoping
    // to fill the page early: a scan of all of them for an exact search.
    query = query.where(sql<boolean>`customers.id = any(array(${matching}))`)
  }
  const { grade, source, departmentId, status } = options.where ?? {}
  if (status) query = query.where('customers.status', '=', status)
  if (grade) query = query.where('customers.grade', '=', grade)
  if (source) query = query.where('customers.source', '=', source)
  if (departmentId) query = query.where('customers.department_id', '=', departmentId)
  if (options.consentTo) {
    query = query.where(consentBasisCondition('customers', options.consentTo))
  }
  if (options.after) {
    const { createdAt, id } = options.after
    query = query.where((eb) =>
      eb.or([
        eb('customers.created_at', '<', createdAt),
        eb.and([eb('customers.created_at', '=', createdAt), eb('customers.id', '<', id)]),
      ]),
    )
  }
  const rows = await query
    .orderBy('customers.created_at', 'desc')
    .orderBy('customers.id', 'desc')
    .limit(options.limit)
    .execute()
  const reads = rows.map((joined) => toCustomerRead(joined, options.withSensitive))
  const attributions = await attributionsOf(
    db,
    reads.map((read) => read.row.id),
  )
  return reads.map((read) => ({ ...read, attribution: attributions.get(read.row.id) }))
}

export async function updateCustomerRow(
  db: Kysely<DB>,
  id: string,
  changes: Partial<Omit<Insertable<CustomerTable>, 'id'>>,
): Promise<void> {
  await db.updateTable('customers').set(changes).where('id', '=', id).execute()
}

export async function replaceSealed(
  db: Kysely<DB>,
  id: string,
  replacement: { table: 'customer_personal' | 'customer_sensitive'; sealed: SealedValues },
): Promise<void> {
  const { table, sealed } = replacement
  await db
    .insertInto(table)
    .values({ customer_id: id, sealed: JSON.stringify(sealed) })
    .onConflict((oc) => oc.column('customer_id').doUpdateSet({ sealed: JSON.stringify(sealed) }))
    .execute()
}

/** Replaces the tokens of the given token fields. */
export async function replaceTokens(
  db: Kysely<DB>,
  id: string,
  replacement: { fields: string[]; tokens: SearchToken[] },
): Promise<void> {
  const { fields, tokens } = replacement
  if (fields.length > 0) {
    await db
      .deleteFrom('customer_search_tokens')
      .where('customer_id', '=', id)
      .where('field', 'in', fields)
      .execute()
  }
  if (tokens.length > 0) {
    await db
      .insertInto('customer_search_tokens')
      .values(tokens.map((t) => ({ ...t, customer_id: id })))
      .onConflict((oc) => oc.doNothing())
      .execute()
  }
}

/** Processing restricted at the customer's request (DSR-1): only what the law needs goes on. */
export async function markRestricted(db: Kysely<DB>, id: string, at: Date): Promise<void> {
  await db
    .updateTable('customers')
    .set({ status: 'restricted', updated_at: at })
    .where('id', '=', id)
    .execute()
}

/** The two sealed stores of a customer's values, by their classification (CLS-3). */
const SEALED_TABLE = {
  personal: 'customer_personal',
  sensitive: 'customer_sensitive',
} as const

/**
 * Moves one field's sealed values from one table to the other when its
 * classification changes (CLS-3). Nothing is decrypted: associated data names
 * the customer and field, not the table.
 */
export async function moveSealedField(
  trx: Kysely<DB>,
  field: string,
  move: { from: 'personal' | 'sensitive'; to: 'personal' | 'sensitive' },
): Promise<void> {
  const { from, to } = move
  const source = sql.table(SEALED_TABLE[from])
  const target = sql.table(SEALED_TABLE[to])
  await sql`
    insert into ${target} (customer_id, sealed)
    select customer_id, jsonb_build_object(${field}::text, sealed -> ${field}::text)
    from ${source} where jsonb_exists(sealed, ${field}::text)
    on conflict (customer_id) do update set sealed = ${target}.sealed || excluded.sealed`.execute(
    trx,
  )
  await sql`update ${source} set sealed = sealed - ${field}::text
    where jsonb_exists(sealed, ${field}::text)`.execute(trx)
}
