import { randomUUID } from 'node:crypto'
import type { Transaction } from 'kysely'
import { recordAuditEvents } from '../../audit/audit-log.js'
import type { DB } from '../../db/schema.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError, type FieldMessageKey } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { type Clearance, clearanceOf, decideOwner } from '../../security/customer-policy.js'
import { type Catalogue, loadCatalogue } from '../catalogue/index.js'
import { attributeColumns, prepareInput } from './customer-input.js'
import { fieldsBeyondView, sealValues } from './customer-records.js'
import type { PersonalValue, PersonalValues } from './customer-values.js'
import { presentCustomer, type Viewer } from './customers.presenter.js'
import { insertCustomers, type NewCustomerRecord } from './customers.repository.js'
import type { CreateCustomerInput, CustomerView } from './customers.schemas.js'
import { refuseRegisteredElsewhere } from './duplicate-check.js'
import { reviewRequirement } from './entry-review.js'
import { registerCustomers } from './registrations.js'
import { blockingTokensFor, searchTokensFor } from './search-tokens.js'

export type EntryOptions = {
  /**
   * When the customer was first met, if before this entry: a walk-in
   * entered from the visitor register is registered from their arrival
   * (客户首访原则: the register is the evidence of first contact).
   */
  registeredAt?: Date
  /** These entered as drafts for review whatever the review settings (an import's duplicates, DQ-1). */
  drafts?: ReadonlySet<CreateCustomerInput>
  /** Written in the same transaction as the new customers: an import's progress commits with its rows. */
  alongside?: (trx: Transaction<DB>) => Promise<void>
}

/** POST /customers: one customer, answered as the caller may see it (CUS-1, CLS-2). */
export async function createCustomer(
  call: Call,
  input: CreateCustomerInput,
  options: EntryOptions = {},
): Promise<CustomerView> {
  const { catalogue, clearance, records, values } = await createCustomers(call, [input], options)
  const [record] = records
  if (!record) throw new AppError('INTERNAL')
  // The plain values just sealed are presented as they are: nothing is opened again.
  return presentCustomer({ catalogue, clearance }, record.customer, values.get(record.customer.id))
}

/**
 * Creates customers in one transaction: each gets its own data key; every
 * personal value is sealed under it; searchable values get blind-index
 * tokens; each creation is audited with the field names, never values.
 * Any invalid input refuses the whole batch. `values` holds each new
 * customer's plain values by customer id, for the caller to present.
 */
export async function createCustomers(
  call: Call,
  inputs: CreateCustomerInput[],
  options: EntryOptions = {},
): Promise<{
  catalogue: Catalogue
  clearance: Clearance
  records: NewCustomerRecord[]
  values: Map<string, PersonalValues>
}> {
  const { deps, context, principal, now } = call
  const catalogue = await loadCatalogue(deps.db)
  const clearance = clearanceOf(principal)
  const owners = await activeOwners(deps, clearance, inputs)
  const needsReview = await reviewRequirement(deps.db)
  const records: NewCustomerRecord[] = []
  const values = new Map<string, PersonalValues>()
  for (const input of inputs) {
    // An owner the caller's scope reaches, and so a record they can see afterwards.
    const named = decideOwner(clearance, owners.get(input.ownerId ?? principal.accountId))
    if (!named.allowed) throw new AppError(named.code, named.fields)
    const { owner } = named
    const built = await buildRecord(
      deps,
      { catalogue, clearance },
      {
        input,
        stamp: {
          ownerId: owner.id,
          departmentId: owner.department_id,
          createdBy: principal.accountId,
          at: now,
          // CUS-4: a draft until a reviewer approves it, unless this department and source skip review.
          status:
            options.drafts?.has(input) ||
            needsReview({ departmentId: owner.department_id, source: input.source ?? null })
              ? 'draft'
              : 'active',
        },
      },
    )
    records.push(built.record)
    values.set(built.record.customer.id, built.values)
  }
  await refuseRegisteredElsewhere(
    call,
    records.map((record) => ({ tokens: record.tokens, ownerId: record.customer.owner_id ?? '' })),
  )
  await deps.db.transaction().execute(async (trx) => {
    await insertCustomers(trx, records)
    // 建档 from the moment of entry: a draft's registration is the earliest one too (客户首访原则).
    await registerCustomers(
      trx,
      records.flatMap(({ customer }) =>
        customer.owner_id === null
          ? []
          : [
              {
                customerId: customer.id,
                accountId: customer.owner_id,
                departmentId: customer.department_id,
                at: options.registeredAt ?? now,
              },
            ],
      ),
    )
    await recordAuditEvents(
      trx,
      now,
      context,
      records.map((record) => ({
        actor: principal.actor,
        action: 'customer.created',
        target: { type: 'customer', id: record.customer.id },
        fields: [...Object.keys(record.personal), ...Object.keys(record.sensitive)].sort(),
      })),
    )
    await options.alongside?.(trx)
  })
  return { catalogue, clearance, records, values }
}

type Stamp = {
  ownerId: string
  departmentId: string | null
  createdBy: string
  at: Date
  status: 'draft' | 'active'
}

async function buildRecord(
  deps: AppDeps,
  { catalogue, clearance }: Viewer,
  asked: { input: CreateCustomerInput; stamp: Stamp },
): Promise<{ record: NewCustomerRecord; values: PersonalValues }> {
  const { input, stamp } = asked
  const prepared = prepareInput(catalogue, { kind: input.kind, input })
  const values = new Map(
    [...prepared.values].filter((entry): entry is [string, PersonalValue] => entry[1] !== null),
  )
  const problems: Record<string, FieldMessageKey> = {}
  if (!values.has('name')) problems.name = 'required'
  for (const field of fieldsBeyondView(clearance, catalogue, values.keys())) {
    problems[field] = 'beyondClearance'
  }
  if (Object.keys(problems).length > 0) throw new AppError('VALIDATION_FAILED', problems)

  const id = randomUUID()
  const { key, row } = await deps.vault.newCustomerKey(id)
  const sealed = sealValues({ vault: deps.vault, key, catalogue }, values)
  const record: NewCustomerRecord = {
    customer: {
      id,
      kind: input.kind,
      status: stamp.status,
      ...attributeColumns(prepared.attributes),
      owner_id: stamp.ownerId,
      department_id: stamp.departmentId,
      created_by: stamp.createdBy,
      created_at: stamp.at,
      updated_at: stamp.at,
      destroyed_at: null,
      last_activity_at: stamp.at,
      first_contact_at: null,
      first_contact_by: null,
      merged_into: null,
    },
    key: row,
    personal: sealed.personal,
    sensitive: sealed.sensitive,
    tokens: [...searchTokensFor(deps.vault, values), ...blockingTokensFor(deps.vault, values)],
  }
  return { record, values }
}

/**
 * CUS-5: the owner is the caller unless named; a named owner must be an
 * active account the caller's scope covers (the policy decides). The
 * record's department is the owner's.
 */
async function activeOwners(
  deps: AppDeps,
  clearance: Clearance,
  inputs: CreateCustomerInput[],
): Promise<Map<string, { id: string; department_id: string | null }>> {
  const ids = [
    ...new Set([clearance.accountId, ...inputs.flatMap((i) => (i.ownerId ? [i.ownerId] : []))]),
  ]
  const accounts = await deps.db
    .selectFrom('accounts')
    .select(['id', 'department_id'])
    .where('id', 'in', ids)
    .where('status', '=', 'active')
    .execute()
  return new Map(accounts.map((a) => [a.id, a]))
}
