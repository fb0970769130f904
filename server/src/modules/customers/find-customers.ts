import { recordAuditEvent } from '../../audit/audit-log.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { clearanceOf } from '../../security/customer-policy.js'
import { type Catalogue, loadCatalogue } from '../catalogue/index.js'
import type { CustomerFacts } from './customer-facts.js'
import { presentCustomer } from './customers.presenter.js'
import {
  type CustomerRead,
  type CustomerRow,
  type PageCursor,
  pageCustomers,
} from './customers.repository.js'
import type { CustomerView, DestroyedCustomer, ListCustomersQuery } from './customers.schemas.js'
import { nameQueryTokens, type SearchToken } from './search-tokens.js'
import {
  normaliseCreditCode,
  normaliseDigits,
  normaliseEmail,
  normaliseIdNumber,
  normaliseMobile,
} from './validation/normalise.js'
import { openVisiblePage, openVisibleValues, seesSensitive } from './visible-values.js'

/** Exact-match parameters and how each is normalised before its token is made (CLS-5). */
const EXACT_SEARCH = {
  mobile: { field: 'mobile', normalise: normaliseMobile },
  idNumber: { field: 'idNumber', normalise: normaliseIdNumber },
  email: { field: 'email', normalise: normaliseEmail },
  bankCard: { field: 'bankCards', normalise: normaliseDigits },
  bankAccount: { field: 'bankAccounts', normalise: normaliseDigits },
  creditCode: { field: 'creditCode', normalise: normaliseCreditCode },
} as const

/**
 * GET /customers: a page of the caller's customers, newest first, masked.
 * Searches run on blind-index tokens only; the table is never decrypted to
 * search it — only the page shown is opened, to be masked.
 */
export async function listCustomers(
  call: Call,
  query: ListCustomersQuery,
): Promise<{ items: CustomerView[]; nextCursor: string | null }> {
  const { deps, context, principal, now } = call
  const catalogue = await loadCatalogue(deps.db)
  const clearance = clearanceOf(principal)
  const fields = query.fields === undefined ? undefined : askedFields(catalogue, query.fields)
  const { searchedBy, selection } = listSelection(call, query)
  const reads = await pageCustomers(deps.db, clearance, {
    ...selection,
    ...(query.cursor && { after: decodeCursor(query.cursor) }),
    limit: query.limit + 1,
    withSensitive: seesSensitive(catalogue, clearance, fields),
    ...(fields && { fields }),
  })
  const rows = reads.map((read) => read.row)
  const page = rows.slice(0, query.limit)
  const viewer = { catalogue, clearance, ...(fields && { fields }) }
  const sealed = new Map(
    reads.flatMap(({ row, sealed }) => (sealed ? [[row.id, sealed] as const] : [])),
  )
  const values = await openVisiblePage(deps.vault, viewer, { rows: page, sealed })
  const attributions = new Map(reads.map((read) => [read.row.id, read.attribution]))
  const items = page.map((row) =>
    presentCustomer(viewer, row, values.get(row.id), {
      attribution: attributions.get(row.id),
      at: now,
    }),
  )
  // On the record before the data leaves (AUD-1): which customers were shown, never what.
  await recordAuditEvent(deps.db, now, context, {
    actor: principal.actor,
    action: 'customer.listed',
    ...(query.marketing && { purpose: `marketing_${query.marketing}` }),
    details: { count: items.length, searchedBy, customerIds: page.map((r) => r.id) },
  })
  const last = page.at(-1)
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  }
}

/**
 * The personal fields of `?fields=`: each must be one the catalogue knows
 * (a field beyond the caller's clearance stays absent all the same). A list
 * that shows two columns opens two values a customer, not fifteen.
 */
function askedFields(catalogue: Catalogue, list: string): ReadonlySet<string> {
  const fields = new Set(
    list
      .split(',')
      .map((field) => field.trim())
      .filter((field) => field !== ''),
  )
  const unknown = [...fields].filter((field) => !(catalogue.get(field)?.level ?? 0))
  if (unknown.length > 0) throw new AppError('VALIDATION_FAILED', { fields: 'invalid' })
  return fields
}

/**
 * GET /customers/{id}: the record the guard read and admitted, with its
 * sealed values, in one round trip (the route declares `readsValues`),
 * masked; a destroyed customer answers with its destruction record,
 * nothing more (RET-2). A record outside the caller's scope never gets here.
 */
export async function showCustomer(
  call: Call,
  read: CustomerRead,
  facts: Pick<CustomerFacts, 'destructionOf'>,
): Promise<CustomerView | DestroyedCustomer> {
  const { deps, context, principal, now } = call
  const { row, sealed, attribution } = read
  if (row.status === 'destroyed') {
    return { id: row.id, status: 'destroyed', destruction: await facts.destructionOf(row.id) }
  }
  const viewer = { catalogue: await loadCatalogue(deps.db), clearance: clearanceOf(principal) }
  const values = sealed && (await openVisibleValues(deps.vault, viewer, { kind: row.kind, sealed }))
  const view = presentCustomer(viewer, row, values ?? undefined, { attribution, at: now })
  await recordAuditEvent(deps.db, now, context, {
    actor: principal.actor,
    action: 'customer.viewed',
    target: { type: 'customer', id: row.id },
  })
  return view
}

/** The filter of the list (everything GET /customers takes but the page), e.g. for an export (DQ-3). */
export type CustomerListFilter = Omit<ListCustomersQuery, 'cursor' | 'limit'>

/** What a list filter selects, as blind-index tokens and plain attributes (CLS-5): the list's own rule. */
function listSelection(call: Call, query: CustomerListFilter) {
  const groups: SearchToken[][] = []
  const searchedBy: string[] = []
  if (query.q?.trim()) {
    groups.push(nameQueryTokens(call.deps.vault, query.q))
    searchedBy.push('name')
  }
  for (const [param, { field, normalise }] of Object.entries(EXACT_SEARCH)) {
    const value = query[param as keyof typeof EXACT_SEARCH]
    if (!value?.trim()) continue
    groups.push([{ field, token: call.deps.vault.token(field, normalise(value)) }])
    searchedBy.push(param)
  }
  return {
    searchedBy,
    selection: {
      tokenGroups: groups,
      where: {
        grade: query.grade,
        source: query.source,
        departmentId: query.departmentId,
        status: query.status,
      },
      ...(query.marketing && { consentTo: `marketing_${query.marketing}` }),
    },
  }
}

/**
 * Every customer of the caller's list for a filter, page after page, newest
 * first — exactly the rows GET /customers would page through (same scope,
 * same search), sealed values read with them and nothing opened. For an
 * export (DQ-3), which opens and masks each page as it writes it.
 */
export async function* customerListPages(
  call: Call,
  filter: CustomerListFilter,
  options: { pageSize: number; withSensitive: boolean },
): AsyncGenerator<CustomerRead[]> {
  const { selection } = listSelection(call, filter)
  const clearance = clearanceOf(call.principal)
  let after: PageCursor | undefined
  for (;;) {
    const reads = await pageCustomers(call.deps.db, clearance, {
      ...selection,
      ...(after && { after }),
      limit: options.pageSize,
      withSensitive: options.withSensitive,
    })
    if (reads.length > 0) yield reads
    const last = reads.at(-1)
    if (!last || reads.length < options.pageSize) return
    after = { createdAt: last.row.created_at, id: last.row.id }
  }
}

function encodeCursor(row: CustomerRow): string {
  return Buffer.from(JSON.stringify([row.created_at.toISOString(), row.id])).toString('base64url')
}

function decodeCursor(cursor: string): PageCursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      string,
      string,
    ]
    const at = new Date(createdAt)
    if (Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad cursor')
    return { createdAt: at, id }
  } catch {
    throw new AppError('VALIDATION_FAILED', { cursor: 'invalid' })
  }
}
