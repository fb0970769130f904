import { type RawBuilder, type SqlBool, sql } from 'kysely'
import type { ErrorCode, FieldMessageKey } from '../platform/errors.js'
import type { Principal } from '../platform/http/principal.js'
import type { MaskingRule } from './masking.js'

/*
 * The customer-data policy: every decision about who may see which customer,
 * which of its fields, in plain text or masked, and for which purpose on
 * which legal basis (ACC-1, ACC-2, CLS-4, CON-2, CON-3, RET-2). Pure: no
 * database, no vault, no clock — callers gather the facts, this module
 * answers, and the answer carries the error code and the reason code the
 * audit trail records. Where a rule must also run inside the database (a
 * list is filtered there, never after loading), its SQL form is built here
 * from the same definition, and a test holds the two forms together.
 */

/** The record scope of one role (ACC-1). `complaints` covers nothing until complaints exist. */
export type RecordScope = Principal['data']['scopes'][number]

/**
 * What one caller may see of customer data, from the grants of their roles:
 * which records (scopes) and which field levels (view and reveal
 * clearance). With several roles the caller gets the union of scopes and
 * the highest clearances.
 */
export type Clearance = {
  accountId: string
  departmentId: string | null
  scopes: ReadonlySet<RecordScope>
  viewMaxLevel: number
  revealMaxLevel: number
  mayReveal: boolean
  /** May review records others entered (CUS-4), and so see them before they are active. */
  mayReview: boolean
}

export function clearanceOf(principal: Principal): Clearance {
  return {
    accountId: principal.accountId,
    departmentId: principal.departmentId,
    scopes: new Set(principal.data.scopes),
    viewMaxLevel: principal.data.viewMaxLevel,
    revealMaxLevel: principal.data.revealMaxLevel,
    mayReveal: principal.permissions.has('customers.reveal'),
    mayReview: principal.permissions.has('customers.review'),
  }
}

/**
 * Why a decision refused: the reason code the audit trail records (the
 * audit vocabulary means each one). `destroyed` and the owner reasons are
 * answered without an audit event, as they always were.
 */
export type ScopeReason = 'out_of_scope' | 'destroyed' | 'merged'
export type OwnerReason = 'owner_out_of_scope' | 'owner_beyond_scope'
export type RevealRequestReason =
  | 'purpose_unknown'
  | 'no_reveal_grant'
  | 'beyond_clearance'
  | 'beyond_purpose'
export type LegalBasisReason =
  | 'restricted'
  | 'no_consent'
  | 'consent_withdrawn'
  | 'no_sensitive_consent'
  | 'consent_not_by_guardian'
  | 'no_guardian_sensitive_consent'
export type DenialReason = ScopeReason | OwnerReason | RevealRequestReason | LegalBasisReason

export type Denial<Reason extends DenialReason = DenialReason> = {
  allowed: false
  code: ErrorCode
  reason: Reason
  /** Field-level messages for the answer, when the refusal is about named fields. */
  fields?: Record<string, FieldMessageKey>
}

export type Decision<Reason extends DenialReason = DenialReason> =
  | { allowed: true }
  | Denial<Reason>

const ALLOW = { allowed: true } as const

const deny = <Reason extends DenialReason>(
  code: ErrorCode,
  reason: Reason,
  fields?: Record<string, FieldMessageKey>,
): Denial<Reason> => ({ allowed: false, code, reason, ...(fields && { fields }) })

const marking = (fields: string[], key: FieldMessageKey) =>
  Object.fromEntries(fields.map((field) => [field, key])) as Record<string, FieldMessageKey>

// ---------------------------------------------------------------- scope

/**
 * What the scope rule needs of a customer: who owns it and in which
 * department; and, for a record not yet reviewed, who entered it.
 */
export type ScopedRecord = {
  owner_id: string | null
  department_id: string | null
  status?: string
  created_by?: string
}

/** CUS-4: the states of a record before a reviewer has made it active. */
export const UNREVIEWED_STATUSES = ['draft', 'submitted', 'rejected'] as const

const isUnreviewed = (status: string | undefined) =>
  status !== undefined && (UNREVIEWED_STATUSES as readonly string[]).includes(status)

/**
 * THE scope rule, once: everything, or the records of one owner (the
 * caller, with `own`) and of one department (the caller's, with
 * `department`). The predicate and the SQL condition below are both read
 * off this, so they cannot drift apart.
 */
type ScopeRule = { all: true } | { all: false; ownerId: string | null; departmentId: string | null }

function scopeRuleOf(clearance: Clearance): ScopeRule {
  const { scopes } = clearance
  if (scopes.has('all')) return { all: true }
  return {
    all: false,
    ownerId: scopes.has('own') ? clearance.accountId : null,
    departmentId: scopes.has('department') ? clearance.departmentId : null,
  }
}

/** How much the caller's scope reaches: every record, some, or none (a list of none needs no query). */
export function scopeReach(clearance: Clearance): 'all' | 'some' | 'none' {
  const rule = scopeRuleOf(clearance)
  if (rule.all) return 'all'
  return rule.ownerId === null && rule.departmentId === null ? 'none' : 'some'
}

/**
 * The scope rule as a predicate: is this record within the caller's scope?
 * A record not yet reviewed (a draft, one submitted, one rejected) is seen
 * within that scope by the person who entered it, its owner, and reviewers.
 */
export function isInScope(clearance: Clearance, record: ScopedRecord): boolean {
  if (isUnreviewed(record.status) && !clearance.mayReview) {
    const mine =
      record.created_by === clearance.accountId || record.owner_id === clearance.accountId
    if (!mine) return false
  }
  const rule = scopeRuleOf(clearance)
  if (rule.all) return true
  return (
    (rule.ownerId !== null && record.owner_id === rule.ownerId) ||
    (rule.departmentId !== null && record.department_id === rule.departmentId)
  )
}

/**
 * The scope rule as a SQL condition on the customers row `alias`, for lists
 * of customers and of records that belong to one: `.where(scopeCondition(c, 'c'))`.
 */
export function scopeCondition(clearance: Clearance, alias: string): RawBuilder<SqlBool> {
  const scope = recordScopeCondition(clearance, alias)
  if (clearance.mayReview) return scope
  const reviewed = sql<SqlBool>`(${sql.ref(`${alias}.status`)} not in (${sql.join(
    UNREVIEWED_STATUSES.map((status) => sql.lit(status)),
  )}) or ${sql.ref(`${alias}.created_by`)} = ${clearance.accountId} or ${sql.ref(
    `${alias}.owner_id`,
  )} = ${clearance.accountId})`
  return sql<SqlBool>`(${scope} and ${reviewed})`
}

function recordScopeCondition(clearance: Clearance, alias: string): RawBuilder<SqlBool> {
  const rule = scopeRuleOf(clearance)
  if (rule.all) return sql<SqlBool>`true`
  const allowed: RawBuilder<SqlBool>[] = []
  if (rule.ownerId !== null) {
    allowed.push(sql<SqlBool>`${sql.ref(`${alias}.owner_id`)} = ${rule.ownerId}`)
  }
  if (rule.departmentId !== null) {
    allowed.push(sql<SqlBool>`${sql.ref(`${alias}.department_id`)} = ${rule.departmentId}`)
  }
  if (allowed.length === 0) return sql<SqlBool>`false`
  return sql<SqlBool>`(${sql.join(allowed, sql` or `)})`
}

/**
 * A record that is no customer's record any more: destroyed (RET-2), or
 * merged into another record of the same person (DQ-1). Lists leave them out.
 */
export const GONE_STATUSES = ['destroyed', 'merged'] as const

/** A customer as the guard sees it: scope, and whether it still exists. */
export type GuardedCustomer = ScopedRecord & { status?: string }

/**
 * May the caller act on this customer? Out of scope answers as a missing
 * record does (and is audited `out_of_scope`); a destroyed customer is gone
 * (RET-2) unless the caller only needs its destruction record.
 */
export function decideCustomerAccess(
  clearance: Clearance,
  customer: GuardedCustomer,
  options: { admitDestroyed?: boolean } = {},
): Decision<ScopeReason> {
  if (!isInScope(clearance, customer)) return deny('CUSTOMER_NOT_FOUND', 'out_of_scope')
  if (!options.admitDestroyed && customer.status === 'destroyed') {
    return deny('CUSTOMER_DESTROYED', 'destroyed')
  }
  if (customer.status === 'merged') return deny('CUSTOMER_MERGED', 'merged')
  return ALLOW
}

/**
 * Whom a new record may name as its owner: the caller, or an account the
 * scope reaches as an owner. Nobody creates a record they could not see
 * afterwards, so the owner must also put the record in the caller's scope.
 */
export function decideOwner<O extends { id: string; department_id: string | null }>(
  clearance: Clearance,
  owner: O | undefined,
): { allowed: true; owner: O } | Denial<OwnerReason> {
  const refused = deny('VALIDATION_FAILED', 'owner_out_of_scope', { ownerId: 'ownerOutOfScope' })
  if (!owner) return refused
  const seen = isInScope(clearance, { owner_id: owner.id, department_id: owner.department_id })
  if (owner.id !== clearance.accountId && !seen) return refused
  if (!seen) return deny('DEPARTMENT_REQUIRED', 'owner_beyond_scope')
  return { allowed: true, owner }
}

/** PIPL Art. 47: a restricted customer is stored and protected, and changed or used for nothing else. */
export function decideUse(customer: { status: string }): Decision<'restricted'> {
  return customer.status === 'restricted' ? deny('CUSTOMER_RESTRICTED', 'restricted') : ALLOW
}

// ---------------------------------------------------------------- fields

/** What the policy needs of a catalogue entry. */
export type FieldRule = { field: string; level: number; sensitive: boolean; masking: MaskingRule }

/** A field's masking as applied: a sensitive or level-2+ field is never shown plain, whatever its rule says. */
export function effectiveMasking(
  entry: Pick<FieldRule, 'level' | 'sensitive' | 'masking'>,
): MaskingRule {
  if (entry.masking === 'none' && (entry.sensitive || entry.level >= 2)) return 'hidden'
  return entry.masking
}

export type FieldVisibility = 'plain' | 'masked' | 'absent'

export function isBeyondView(clearance: Clearance, entry: Pick<FieldRule, 'level'>): boolean {
  return entry.level > clearance.viewMaxLevel
}

/**
 * CLS-4 and ACC-1: within the view clearance a field is masked unless its
 * rule is `none`; beyond it a field is still shown masked — never plain,
 * never revealable, never writable — so that, say, an agent can tell which
 * card a customer means from `6222 **** **** 0123`. Roles that see no
 * customer data at all get nothing.
 */
export function fieldVisibility(clearance: Clearance, entry: FieldRule): FieldVisibility {
  if (entry.level === 0) return 'plain'
  if (isBeyondView(clearance, entry)) return clearance.viewMaxLevel === 0 ? 'absent' : 'masked'
  return effectiveMasking(entry) === 'none' ? 'plain' : 'masked'
}

/** May a masked field be offered for a reveal (the answer's `revealable`)? */
export function isRevealable(clearance: Clearance, entry: Pick<FieldRule, 'level'>): boolean {
  return clearance.mayReveal && entry.level <= clearance.revealMaxLevel
}

// ---------------------------------------------------------------- consents

/** The separate consent that sensitive fields need on top of a consent-based purpose (PIPL Art. 29). */
export const SENSITIVE_CONSENT = 'sensitive_processing'

/** One record of the consent ledger, as far as the policy reads it. */
export type ConsentRecord = { id: string | number | bigint; purpose: string }

/**
 * CON-2, latest consent wins: the standing decision per purpose is the
 * latest record of the ledger (the highest id), so a withdrawal takes
 * effect at once. Purposes keep the order of their first record.
 */
export function standingConsents<T extends ConsentRecord>(ledger: readonly T[]): Map<string, T> {
  const standing = new Map<string, T>()
  for (const record of ledger) {
    const held = standing.get(record.purpose)
    if (!held || BigInt(record.id) > BigInt(held.id)) standing.set(record.purpose, record)
  }
  return standing
}

/**
 * The same rule in SQL: a column of the standing consent record of the
 * customer `customerRef` for `purpose` (null when there is none).
 */
export function standingConsent(
  customerRef: string,
  purpose: string | null,
  column: 'granted' | 'recorded_at',
): RawBuilder<unknown> {
  return sql`(select ${sql.ref(`k.${column}`)} from consents k
    where k.customer_id = ${sql.ref(customerRef)} and k.purpose = ${purpose}
    order by k.id desc limit 1)`
}

/**
 * CON-3 in SQL, for lists by purpose: the customer of the customers row
 * `alias` is not restricted and its standing consent to `purpose` is a grant.
 */
export function consentBasisCondition(alias: string, purpose: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${alias}.status`)} <> 'restricted' and coalesce(${standingConsent(`${alias}.id`, purpose, 'granted')}, false))`
}

// ---------------------------------------------------------------- reveal

/** What the policy needs of a purpose (ACC-2): its legal basis and what it may reach. */
export type PolicyPurpose = {
  code: string
  legal_basis: string
  max_level: number
  fields: string[] | null
}

/** A standing consent: granted or withdrawn, and whether a parent or guardian gave it. */
export type StandingConsent = { granted: boolean; byGuardian: boolean }

/**
 * ACC-2: what a purpose may reach — fields up to its level and, when it
 * names fields, only those (marketing by SMS needs a name and a mobile,
 * never an ID number). Returns the fields asked for beyond it.
 */
export function fieldsBeyondPurpose(purpose: PolicyPurpose, entries: FieldRule[]): string[] {
  return entries
    .filter(
      (entry) =>
        entry.level > purpose.max_level ||
        (purpose.fields !== null && !purpose.fields.includes(entry.field)),
    )
    .map((entry) => entry.field)
}

/** Clearance for a reveal: the reveal grant, and a reveal level that covers every field. */
export function decideRevealClearance(
  clearance: Clearance,
  entries: FieldRule[],
): Decision<RevealRequestReason> {
  if (!clearance.mayReveal || clearance.revealMaxLevel === 0) {
    const fields = entries.map((e) => e.field)
    return deny('REVEAL_BEYOND_CLEARANCE', 'no_reveal_grant', marking(fields, 'beyondClearance'))
  }
  const beyond = entries.filter((e) => e.level > clearance.revealMaxLevel).map((e) => e.field)
  if (beyond.length > 0) {
    return deny('REVEAL_BEYOND_CLEARANCE', 'beyond_clearance', marking(beyond, 'beyondClearance'))
  }
  return ALLOW
}

/**
 * The part of a reveal decided before the record's values are read: an
 * active purpose, clearance for every field, fields the purpose may reach.
 */
export function decideRevealRequest<P extends PolicyPurpose>(
  clearance: Clearance,
  entries: FieldRule[],
  purpose: P | undefined,
): { allowed: true; purpose: P } | Denial<RevealRequestReason> {
  if (!purpose) return deny('PURPOSE_UNKNOWN', 'purpose_unknown', { purpose: 'notAllowed' })
  const cleared = decideRevealClearance(clearance, entries)
  if (!cleared.allowed) return cleared
  const beyond = fieldsBeyondPurpose(purpose, entries)
  if (beyond.length > 0) {
    return deny('PURPOSE_SCOPE_EXCEEDED', 'beyond_purpose', marking(beyond, 'beyondPurpose'))
  }
  return { allowed: true, purpose }
}

/** The purposes whose standing consents the legal basis reads for this customer (none: no read). */
export function consentsNeeded(customer: { status: string }, purpose: PolicyPurpose): string[] {
  if (customer.status === 'restricted' || purpose.legal_basis !== 'consent') return []
  return purpose.code === SENSITIVE_CONSENT ? [purpose.code] : [purpose.code, SENSITIVE_CONSENT]
}

/**
 * ACC-2, CON-3: does this purpose rest on a legal basis that holds for this
 * customer now? In order:
 * - a restricted customer (PIPL Art. 47) is used for nothing, whatever the purpose;
 * - a contract or a legal obligation holds for every customer on record —
 *   for a minor as for anyone (Art. 13): no guardian waives an
 *   anti-money-laundering duty;
 * - a consent-based purpose needs the customer's standing consent to it
 *   and, for sensitive fields, the separate consent to sensitive processing
 *   too (PIPL Art. 29);
 * - for a minor under 14 every field is sensitive (Art. 28), and both
 *   consents must be a parent's or guardian's (Art. 31).
 */
export function decideLegalBasis(facts: {
  customer: { status: string }
  purpose: Pick<PolicyPurpose, 'code' | 'legal_basis'>
  touchesSensitive: boolean
  minor: boolean
  consents: ReadonlyMap<string, StandingConsent>
}): Decision<LegalBasisReason> {
  const { purpose, consents } = facts
  const used = decideUse(facts.customer)
  if (!used.allowed) return used
  if (purpose.legal_basis !== 'consent') return ALLOW
  const own = consents.get(purpose.code)
  if (!own?.granted) {
    return deny('CONSENT_REQUIRED', own ? 'consent_withdrawn' : 'no_consent')
  }
  const sensitive = consents.get(SENSITIVE_CONSENT)
  if (facts.minor) {
    if (!own.byGuardian) return deny('MINOR_GUARDIAN_CONSENT_REQUIRED', 'consent_not_by_guardian')
    if (!sensitive?.granted || !sensitive.byGuardian) {
      return deny('MINOR_GUARDIAN_CONSENT_REQUIRED', 'no_guardian_sensitive_consent')
    }
    return ALLOW
  }
  if (facts.touchesSensitive && purpose.code !== SENSITIVE_CONSENT && !sensitive?.granted) {
    return deny('SENSITIVE_CONSENT_REQUIRED', 'no_sensitive_consent')
  }
  return ALLOW
}

/** Does a reveal of these fields touch sensitive information? A minor's every field does. */
export function touchesSensitive(entries: FieldRule[], minor: boolean): boolean {
  return minor || entries.some((entry) => entry.sensitive)
}

/**
 * A whole reveal decision (POST /customers/{id}/reveal), in the order the
 * reveal applies it: scope, not destroyed, the request (purpose,
 * clearance, reach), then the legal basis with this customer.
 */
export function decideReveal(facts: {
  clearance: Clearance
  customer: GuardedCustomer & { status: string }
  entries: FieldRule[]
  purpose: PolicyPurpose | undefined
  minor: boolean
  consents: ReadonlyMap<string, StandingConsent>
}): Decision {
  const access = decideCustomerAccess(facts.clearance, facts.customer)
  if (!access.allowed) return access
  const request = decideRevealRequest(facts.clearance, facts.entries, facts.purpose)
  if (!request.allowed) return request
  return decideLegalBasis({
    customer: facts.customer,
    purpose: request.purpose,
    touchesSensitive: touchesSensitive(facts.entries, facts.minor),
    minor: facts.minor,
    consents: facts.consents,
  })
}

// ---------------------------------------------------------------- pool

/**
 * CUS-10: may the caller browse the pool (公海) of `departmentId`, and pick
 * from it? A customer in the pool has no owner, so an `own` scope never
 * reaches it; the pool is a view of its own, narrower than a department
 * scope: every pool to an `all` scope, the caller's own department's pool
 * to a record scope of its owner or its department, and nothing to a role
 * without one (complaints, none) or to a caller in no department. What the
 * pool shows of a customer is masked whatever the clearance.
 */
export function mayBrowsePool(clearance: Clearance, departmentId: string | null): boolean {
  const { scopes } = clearance
  if (scopes.has('all')) return true
  if (!scopes.has('own') && !scopes.has('department')) return false
  return clearance.departmentId !== null && departmentId === clearance.departmentId
}

/** The same rule as a SQL condition on the customers row `alias`: whose department's pool the caller sees. */
export function poolCondition(clearance: Clearance, alias: string): RawBuilder<SqlBool> {
  const { scopes } = clearance
  if (scopes.has('all')) return sql<SqlBool>`true`
  if ((!scopes.has('own') && !scopes.has('department')) || clearance.departmentId === null) {
    return sql<SqlBool>`false`
  }
  return sql<SqlBool>`${sql.ref(`${alias}.department_id`)} = ${clearance.departmentId}`
}
