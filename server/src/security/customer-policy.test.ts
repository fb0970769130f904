import { describe, expect, it } from 'vitest'
import {
  type Clearance,
  type ConsentRecord,
  type DenialReason,
  decideCustomerAccess,
  decideLegalBasis,
  decideOwner,
  decideReveal,
  type FieldRule,
  fieldVisibility,
  isInScope,
  isRevealable,
  type PolicyPurpose,
  type RecordScope,
  type ScopedRecord,
  SENSITIVE_CONSENT,
  scopeReach,
  standingConsents,
} from './customer-policy.js'

/*
 * The customer-data policy, decision by decision, with no database: tables
 * of callers × records × fields × purposes × consents and the answer each
 * must get, with the reason code the audit trail records (ACC-1, ACC-2,
 * CLS-4, CON-2, CON-3, RET-2). The SQL forms of the same rules are held to
 * these predicates against a real database in
 * modules/customers/customer-policy.sql.test.ts.
 */

// ------------------------------------------------------------------ callers

const ME = 'acc-me'
const COLLEAGUE = 'acc-colleague'
const STRANGER = 'acc-stranger'
const MY_DEPT = 'dept-mine'
const OTHER_DEPT = 'dept-other'

type Grant = { scope: RecordScope; view: number; reveal: number; mayReveal: boolean }

/** The roles as seeded (0001-foundation): scope, view and reveal clearance, the reveal permission. */
const ROLE_GRANTS = {
  sysadmin: { scope: 'none', view: 0, reveal: 0, mayReveal: false },
  secadmin: { scope: 'none', view: 0, reveal: 0, mayReveal: false },
  auditor: { scope: 'none', view: 0, reveal: 0, mayReveal: false },
  compliance: { scope: 'all', view: 3, reveal: 3, mayReveal: true },
  manager: { scope: 'department', view: 3, reveal: 3, mayReveal: true },
  agent: { scope: 'department', view: 2, reveal: 2, mayReveal: true },
  sales: { scope: 'own', view: 2, reveal: 2, mayReveal: true },
  complaints: { scope: 'complaints', view: 1, reveal: 0, mayReveal: false },
  /** An agent's API token whose scopes leave out `customers.reveal`. */
  agentToken: { scope: 'department', view: 2, reveal: 2, mayReveal: false },
} satisfies Record<string, Grant>

type RoleName = keyof typeof ROLE_GRANTS

/** A caller holding these roles: the union of scopes, the highest clearances (as sessions build it). */
function caller(roles: RoleName[], departmentId: string | null = MY_DEPT): Clearance {
  const grants = roles.map((role) => ROLE_GRANTS[role] as Grant)
  return {
    accountId: ME,
    departmentId,
    scopes: new Set(grants.map((g) => g.scope)),
    viewMaxLevel: Math.max(0, ...grants.map((g) => g.view)),
    revealMaxLevel: Math.max(0, ...grants.map((g) => g.reveal)),
    mayReveal: grants.some((g) => g.mayReveal),
    mayReview: false,
  }
}

// ------------------------------------------------------------------ records

/** Where a record stands relative to the caller. */
const RECORDS = {
  mine: { owner_id: ME, department_id: MY_DEPT },
  colleagues: { owner_id: COLLEAGUE, department_id: MY_DEPT },
  mineElsewhere: { owner_id: ME, department_id: OTHER_DEPT },
  strangers: { owner_id: STRANGER, department_id: OTHER_DEPT },
  unassigned: { owner_id: STRANGER, department_id: null },
} satisfies Record<string, ScopedRecord>

type RecordName = keyof typeof RECORDS
const RECORD_NAMES = Object.keys(RECORDS) as RecordName[]

// ------------------------------------------------------------------ scope

/** In scope? One row per caller, one column per record (Y in scope, - not). */
const SCOPE_TABLE: [string, Clearance, string][] = [
  // marks in order: mine, colleagues, mineElsewhere, strangers, unassigned
  ['sysadmin', caller(['sysadmin']), '-----'],
  ['secadmin', caller(['secadmin']), '-----'],
  ['auditor', caller(['auditor']), '-----'],
  ['compliance', caller(['compliance']), 'YYYYY'],
  ['compliance, no department', caller(['compliance'], null), 'YYYYY'],
  ['manager', caller(['manager']), 'YY---'],
  ['manager, no department', caller(['manager'], null), '-----'],
  ['agent', caller(['agent']), 'YY---'],
  ['agent token', caller(['agentToken']), 'YY---'],
  ['sales', caller(['sales']), 'Y-Y--'],
  ['sales, no department', caller(['sales'], null), 'Y-Y--'],
  ['complaints (covers none until complaints exist)', caller(['complaints']), '-----'],
  ['sales + agent', caller(['sales', 'agent']), 'YYY--'],
  ['sales + complaints', caller(['sales', 'complaints']), 'Y-Y--'],
  ['no role', caller([]), '-----'],
]

describe('record scope (ACC-1)', () => {
  const rows = SCOPE_TABLE.flatMap(([who, clearance, marks]) =>
    RECORD_NAMES.map((record, i) => ({ who, clearance, record, inScope: marks[i] === 'Y' })),
  )

  it.each(rows)(
    '$who on the $record record: in scope $inScope',
    ({ clearance, record, inScope }) => {
      expect(isInScope(clearance, RECORDS[record])).toBe(inScope)
      const decision = decideCustomerAccess(clearance, { ...RECORDS[record], status: 'active' })
      expect(decision).toEqual(
        inScope
          ? { allowed: true }
          : { allowed: false, code: 'CUSTOMER_NOT_FOUND', reason: 'out_of_scope' },
      )
    },
  )

  it.each(rows)(
    '$who on the destroyed $record record: gone, unless only its destruction is asked for',
    ({ clearance, record, inScope }) => {
      const destroyed = { ...RECORDS[record], status: 'destroyed' }
      expect(reasonOf(decideCustomerAccess(clearance, destroyed))).toBe(
        inScope ? 'destroyed' : 'out_of_scope',
      )
      expect(reasonOf(decideCustomerAccess(clearance, destroyed, { admitDestroyed: true }))).toBe(
        inScope ? null : 'out_of_scope',
      )
    },
  )

  it.each(SCOPE_TABLE)('%s: the reach of the scope matches the table', (_, clearance, marks) => {
    const expected = marks === 'YYYYY' ? 'all' : marks.includes('Y') ? 'some' : 'none'
    expect(scopeReach(clearance)).toBe(expected)
  })
})

/** Whom may the caller name as a new record's owner? (CUS-5) */
const OWNER_TABLE: [string, Clearance, RecordName | 'missing', DenialReason | null][] = [
  ['sales names themself', caller(['sales']), 'mine', null],
  ['sales names a colleague', caller(['sales']), 'colleagues', 'owner_out_of_scope'],
  ['agent names a colleague', caller(['agent']), 'colleagues', null],
  ['agent names themself', caller(['agent']), 'mine', null],
  ['agent names a stranger', caller(['agent']), 'strangers', 'owner_out_of_scope'],
  [
    'agent with no department names themself',
    caller(['agent'], null),
    'mine',
    'owner_beyond_scope',
  ],
  ['compliance names a stranger', caller(['compliance']), 'strangers', null],
  ['compliance names an unassigned account', caller(['compliance']), 'unassigned', null],
  ['complaints names themself', caller(['complaints']), 'mine', 'owner_beyond_scope'],
  ['an inactive or unknown owner', caller(['compliance']), 'missing', 'owner_out_of_scope'],
]

describe('new record owner (CUS-5): nobody creates a record they could not see', () => {
  it.each(OWNER_TABLE)('%s', (_, clearance, record, reason) => {
    const owner =
      record === 'missing'
        ? undefined
        : { id: RECORDS[record].owner_id, department_id: RECORDS[record].department_id }
    const decision = decideOwner(clearance, owner)
    expect(reasonOf(decision)).toBe(reason)
    if (reason === 'owner_out_of_scope') {
      expect(decision).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { ownerId: 'ownerOutOfScope' },
      })
    }
    if (reason === 'owner_beyond_scope')
      expect(decision).toMatchObject({ code: 'DEPARTMENT_REQUIRED' })
  })
})

// ------------------------------------------------------------------ fields

const field = (
  name: string,
  level: number,
  masking: FieldRule['masking'],
  sensitive = false,
): FieldRule => ({ field: name, level, masking, sensitive })

const FIELDS = {
  grade: field('grade', 0, 'none'),
  nickname: field('nickname', 1, 'none'),
  name: field('name', 1, 'name'),
  idNumber: field('idNumber', 1, 'id-number', true),
  income: field('income', 2, 'none'),
  bankCards: field('bankCards', 3, 'bank-card'),
} satisfies Record<string, FieldRule>

type FieldName = keyof typeof FIELDS
const FIELD_NAMES = Object.keys(FIELDS) as FieldName[]

/**
 * What each caller sees of each field (CLS-4): P plain, M masked, - absent;
 * lower case when masked and offered for a reveal.
 */
const VISIBILITY_TABLE: [RoleName, string][] = [
  // marks in order: grade, nickname, name, idNumber, income, bankCards
  ['sysadmin', 'P-----'],
  ['complaints', 'PPMMMM'],
  ['sales', 'PPmmmM'],
  ['agent', 'PPmmmM'],
  ['agentToken', 'PPMMMM'],
  ['manager', 'PPmmmm'],
  ['compliance', 'PPmmmm'],
]

describe('which fields a caller sees, and whether masked (CLS-4, ACC-1)', () => {
  const rows = VISIBILITY_TABLE.flatMap(([role, marks]) =>
    FIELD_NAMES.map((name, i) => ({ role, name, mark: marks[i] as string })),
  )
  it.each(rows)('$role sees $name as $mark', ({ role, name, mark }) => {
    const clearance = caller([role])
    const entry = FIELDS[name]
    const expected = { P: 'plain', M: 'masked', m: 'masked', '-': 'absent' }[mark]
    expect(fieldVisibility(clearance, entry)).toBe(expected)
    // Only a masked field within the reveal clearance is offered for a reveal.
    if (expected === 'masked') expect(isRevealable(clearance, entry)).toBe(mark === 'm')
  })
})

// ------------------------------------------------------------------ consents

type Ledger = (ConsentRecord & { granted: boolean; byGuardian: boolean })[]

let nextId = 1
const consent = (purpose: string, granted: boolean, byGuardian = false) => ({
  id: String(nextId++),
  purpose,
  granted,
  byGuardian,
})

describe('latest consent wins (CON-2)', () => {
  it('the record with the highest id stands, in whatever order the ledger is read', () => {
    const ledger = [
      { id: '10', purpose: 'marketing', granted: false },
      { id: '9', purpose: 'marketing', granted: true },
      { id: '2', purpose: 'third_party', granted: true },
      { id: '3', purpose: 'third_party', granted: false },
      { id: '4', purpose: 'third_party', granted: true },
    ]
    const standing = standingConsents(ledger)
    expect(standing.get('marketing')?.granted).toBe(false)
    expect(standing.get('third_party')?.id).toBe('4')
    // Purposes keep the order of their first record (the ledger's order).
    expect([...standing.keys()]).toEqual(['marketing', 'third_party'])
    expect(standingConsents([...ledger].reverse()).get('marketing')?.id).toBe('10')
  })

  it('compares ids as the bigints they are, not as strings or doubles', () => {
    const standing = standingConsents([
      { id: '9007199254740993', purpose: 'p', granted: true },
      { id: '9007199254740992', purpose: 'p', granted: false },
    ])
    expect(standing.get('p')?.granted).toBe(true)
  })
})

// ------------------------------------------------------------------ reveal

const purpose = (
  code: string,
  legal_basis: string,
  max_level = 3,
  fields: string[] | null = null,
): PolicyPurpose => ({ code, legal_basis, max_level, fields })

const PURPOSES = {
  service: purpose('service', 'contract'),
  risk: purpose('risk', 'legal_obligation'),
  complaint: purpose('complaint', 'legal_obligation', 2),
  marketing: purpose('marketing', 'consent', 1),
  marketing_sms: purpose('marketing_sms', 'consent', 3, ['name', 'mobile']),
  sensitive: purpose(SENSITIVE_CONSENT, 'consent'),
} satisfies Record<string, PolicyPurpose>

type PurposeName = keyof typeof PURPOSES | 'unknown'

const LEDGERS = {
  none: () => [],
  granted: () => [consent('marketing', true), consent('marketing_sms', true)],
  withdrawn: () => [consent('marketing', false), consent('marketing_sms', false)],
  'granted, then withdrawn': () => [
    consent('marketing', true),
    consent('marketing_sms', true),
    consent('marketing', false),
    consent('marketing_sms', false),
  ],
  'withdrawn, then granted': () => [
    consent('marketing', false),
    consent('marketing_sms', false),
    consent('marketing', true),
    consent('marketing_sms', true),
  ],
  'granted, with sensitive': () => [
    consent('marketing', true),
    consent('marketing_sms', true),
    consent(SENSITIVE_CONSENT, true),
  ],
  'sensitive granted, then withdrawn': () => [
    consent('marketing', true),
    consent('marketing_sms', true),
    consent(SENSITIVE_CONSENT, true),
    consent(SENSITIVE_CONSENT, false),
  ],
  'by guardian, with sensitive': () => [
    consent('marketing', true, true),
    consent('marketing_sms', true, true),
    consent(SENSITIVE_CONSENT, true, true),
  ],
  'by guardian, sensitive not': () => [
    consent('marketing', true, true),
    consent('marketing_sms', true, true),
    consent(SENSITIVE_CONSENT, true, false),
  ],
} satisfies Record<string, () => Ledger>

type LedgerName = keyof typeof LEDGERS

type RevealRow = {
  who: RoleName | RoleName[]
  record?: RecordName
  status?: 'active' | 'restricted' | 'destroyed' | 'merged'
  fields: FieldName[]
  purpose: PurposeName
  consents?: LedgerName
  minor?: boolean
  expected: DenialReason | null
  code?: string
}

function reveal(row: RevealRow) {
  const ledger: Ledger = LEDGERS[row.consents ?? 'none']()
  return decideReveal({
    clearance: caller([row.who].flat()),
    customer: { ...RECORDS[row.record ?? 'mine'], status: row.status ?? 'active' },
    entries: row.fields.map((name) => FIELDS[name]),
    purpose: row.purpose === 'unknown' ? undefined : PURPOSES[row.purpose],
    minor: row.minor ?? false,
    consents: standingConsents(ledger),
  })
}

const reasonOf = (decision: { allowed: boolean; reason?: DenialReason }) =>
  decision.allowed ? null : (decision.reason ?? 'missing reason')

const label = (row: RevealRow) =>
  [
    [row.who].flat().join('+'),
    `${row.status ?? 'active'} ${row.record ?? 'mine'} record${row.minor ? ' (minor)' : ''}`,
    row.fields.join(','),
    `for ${row.purpose}`,
    `consents: ${row.consents ?? 'none'}`,
    `-> ${row.expected ?? 'allowed'}`,
  ].join(' | ')

/** The reveal cases written out: each answer and the reason the audit trail records (ACC-2, CON-3). */
// biome-ignore format: one case per line reads as the table it is
const REVEAL_TABLE: RevealRow[] = [
  // Scope comes first, destroyed or merged next: nothing else is told about such a record.
  { who: 'sales', record: 'colleagues', fields: ['name'], purpose: 'service', expected: 'out_of_scope', code: 'CUSTOMER_NOT_FOUND' },
  { who: 'agent', record: 'strangers', fields: ['bankCards'], purpose: 'unknown', expected: 'out_of_scope' },
  { who: 'sysadmin', fields: ['name'], purpose: 'service', expected: 'out_of_scope' },
  { who: 'compliance', status: 'destroyed', fields: ['name'], purpose: 'service', expected: 'destroyed', code: 'CUSTOMER_DESTROYED' },
  { who: 'sales', record: 'strangers', status: 'destroyed', fields: ['name'], purpose: 'service', expected: 'out_of_scope' },
  // A record merged into another (DQ-1) is a pointer: even a reveal grant opens nothing there.
  { who: 'compliance', status: 'merged', fields: ['name'], purpose: 'service', expected: 'merged', code: 'CUSTOMER_MERGED' },
  { who: 'sales', record: 'strangers', status: 'merged', fields: ['name'], purpose: 'service', expected: 'out_of_scope' },
  // Then an active purpose.
  { who: 'compliance', fields: ['name'], purpose: 'unknown', expected: 'purpose_unknown', code: 'PURPOSE_UNKNOWN' },
  { who: 'complaints', record: 'mine', fields: ['name'], purpose: 'unknown', expected: 'out_of_scope' },
  // Then clearance: the reveal grant, then the level of every field.
  { who: ['sales', 'complaints'], fields: ['name'], purpose: 'service', expected: null },
  { who: 'agentToken', fields: ['name'], purpose: 'service', expected: 'no_reveal_grant', code: 'REVEAL_BEYOND_CLEARANCE' },
  { who: 'sales', fields: ['bankCards'], purpose: 'service', expected: 'beyond_clearance', code: 'REVEAL_BEYOND_CLEARANCE' },
  { who: 'agent', record: 'colleagues', fields: ['name', 'income', 'bankCards'], purpose: 'service', expected: 'beyond_clearance' },
  { who: 'manager', fields: ['bankCards'], purpose: 'service', expected: null },
  // Then what the purpose reaches: its level, and its fields when it names them.
  { who: 'compliance', fields: ['income'], purpose: 'marketing', consents: 'granted', expected: 'beyond_purpose', code: 'PURPOSE_SCOPE_EXCEEDED' },
  { who: 'compliance', fields: ['bankCards'], purpose: 'complaint', expected: 'beyond_purpose' },
  { who: 'compliance', fields: ['income'], purpose: 'complaint', expected: null },
  { who: 'compliance', fields: ['idNumber'], purpose: 'marketing_sms', consents: 'granted, with sensitive', expected: 'beyond_purpose' },
  { who: 'compliance', fields: ['name'], purpose: 'marketing_sms', consents: 'granted', expected: null },
  // Restriction stops every use, whatever the basis.
  { who: 'compliance', status: 'restricted', fields: ['name'], purpose: 'service', expected: 'restricted', code: 'CUSTOMER_RESTRICTED' },
  { who: 'compliance', status: 'restricted', fields: ['name'], purpose: 'risk', minor: true, expected: 'restricted' },
  { who: 'compliance', status: 'restricted', fields: ['name'], purpose: 'marketing', consents: 'granted', expected: 'restricted' },
  // A contract or a legal obligation holds without consent, for a minor too.
  { who: 'sales', fields: ['idNumber'], purpose: 'service', expected: null },
  { who: 'agent', fields: ['name'], purpose: 'risk', minor: true, expected: null },
  // Consent-based: the standing consent, latest wins.
  { who: 'compliance', fields: ['name'], purpose: 'marketing', consents: 'none', expected: 'no_consent', code: 'CONSENT_REQUIRED' },
  { who: 'compliance', fields: ['name'], purpose: 'marketing', consents: 'granted', expected: null },
  { who: 'compliance', fields: ['name'], purpose: 'marketing', consents: 'withdrawn', expected: 'consent_withdrawn', code: 'CONSENT_REQUIRED' },
  { who: 'compliance', fields: ['name'], purpose: 'marketing', consents: 'granted, then withdrawn', expected: 'consent_withdrawn' },
  { who: 'compliance', fields: ['name'], purpose: 'marketing', consents: 'withdrawn, then granted', expected: null },
  // Sensitive fields need the separate sensitive consent too (PIPL Art. 29).
  { who: 'compliance', fields: ['idNumber'], purpose: 'marketing', consents: 'granted', expected: 'no_sensitive_consent', code: 'SENSITIVE_CONSENT_REQUIRED' },
  { who: 'compliance', fields: ['idNumber'], purpose: 'marketing', consents: 'granted, with sensitive', expected: null },
  { who: 'compliance', fields: ['idNumber'], purpose: 'marketing', consents: 'sensitive granted, then withdrawn', expected: 'no_sensitive_consent' },
  { who: 'compliance', fields: ['idNumber'], purpose: 'sensitive', consents: 'granted, with sensitive', expected: null },
  { who: 'compliance', fields: ['idNumber'], purpose: 'sensitive', consents: 'granted', expected: 'no_consent' },
  // A minor under 14: every field is sensitive, and both consents must be a guardian's (Art. 28, 31).
  { who: 'compliance', fields: ['name'], purpose: 'marketing', consents: 'granted, with sensitive', minor: true, expected: 'consent_not_by_guardian', code: 'MINOR_GUARDIAN_CONSENT_REQUIRED' },
  { who: 'compliance', fields: ['name'], purpose: 'marketing', consents: 'by guardian, sensitive not', minor: true, expected: 'no_guardian_sensitive_consent', code: 'MINOR_GUARDIAN_CONSENT_REQUIRED' },
  { who: 'compliance', fields: ['name'], purpose: 'marketing', consents: 'by guardian, with sensitive', minor: true, expected: null },
  { who: 'compliance', fields: ['name'], purpose: 'marketing', consents: 'granted', minor: true, expected: 'consent_not_by_guardian' },
  { who: 'compliance', fields: ['name'], purpose: 'marketing', consents: 'withdrawn', minor: true, expected: 'consent_withdrawn' },
  { who: 'compliance', fields: ['name'], purpose: 'marketing', consents: 'none', minor: true, expected: 'no_consent' },
  { who: 'compliance', fields: ['name'], purpose: 'marketing', consents: 'by guardian, with sensitive', minor: false, expected: null },
]

const CODE_OF: Record<DenialReason, string> = {
  out_of_scope: 'CUSTOMER_NOT_FOUND',
  destroyed: 'CUSTOMER_DESTROYED',
  merged: 'CUSTOMER_MERGED',
  owner_out_of_scope: 'VALIDATION_FAILED',
  owner_beyond_scope: 'DEPARTMENT_REQUIRED',
  restricted: 'CUSTOMER_RESTRICTED',
  purpose_unknown: 'PURPOSE_UNKNOWN',
  no_reveal_grant: 'REVEAL_BEYOND_CLEARANCE',
  beyond_clearance: 'REVEAL_BEYOND_CLEARANCE',
  beyond_purpose: 'PURPOSE_SCOPE_EXCEEDED',
  no_consent: 'CONSENT_REQUIRED',
  consent_withdrawn: 'CONSENT_REQUIRED',
  no_sensitive_consent: 'SENSITIVE_CONSENT_REQUIRED',
  consent_not_by_guardian: 'MINOR_GUARDIAN_CONSENT_REQUIRED',
  no_guardian_sensitive_consent: 'MINOR_GUARDIAN_CONSENT_REQUIRED',
}

describe('the reveal decision, case by case (ACC-2, CON-3)', () => {
  it.each(REVEAL_TABLE.map((row) => [label(row), row] as const))('%s', (_, row) => {
    const decision = reveal(row)
    expect(reasonOf(decision)).toBe(row.expected)
    if (row.expected) expect(decision).toMatchObject({ code: row.code ?? CODE_OF[row.expected] })
  })

  it('names the fields a refusal is about, with the message the answer shows', () => {
    expect(
      reveal({
        who: 'complaints',
        record: 'mine',
        fields: ['name'],
        purpose: 'service',
        expected: null,
      }),
    ).toEqual({
      allowed: false,
      code: 'CUSTOMER_NOT_FOUND',
      reason: 'out_of_scope',
    })
    expect(
      reveal({
        who: 'agent',
        fields: ['name', 'income', 'bankCards'],
        purpose: 'service',
        expected: null,
      }),
    ).toEqual({
      allowed: false,
      code: 'REVEAL_BEYOND_CLEARANCE',
      reason: 'beyond_clearance',
      fields: { bankCards: 'beyondClearance' },
    })
    expect(
      reveal({
        who: 'compliance',
        fields: ['name', 'idNumber', 'income'],
        purpose: 'marketing_sms',
        expected: null,
      }),
    ).toEqual({
      allowed: false,
      code: 'PURPOSE_SCOPE_EXCEEDED',
      reason: 'beyond_purpose',
      fields: { idNumber: 'beyondPurpose', income: 'beyondPurpose' },
    })
    expect(
      reveal({ who: 'compliance', fields: ['name'], purpose: 'unknown', expected: null }),
    ).toEqual({
      allowed: false,
      code: 'PURPOSE_UNKNOWN',
      reason: 'purpose_unknown',
      fields: { purpose: 'notAllowed' },
    })
  })
})

/**
 * Every combination of caller, record, status, field, purpose, consents and
 * age, against the rule of ACC-2 read in its order: the first check that
 * fails gives the reason; none failing allows.
 */
describe('the reveal decision, every combination (ACC-2, CON-3)', () => {
  const ROLES: (RoleName | RoleName[])[] = [
    'sysadmin',
    'complaints',
    'sales',
    'agent',
    'agentToken',
    'manager',
    'compliance',
    ['sales', 'complaints'],
  ]
  const STATUSES = ['active', 'restricted', 'destroyed', 'merged'] as const
  const PURPOSE_NAMES: PurposeName[] = ['unknown', ...(Object.keys(PURPOSES) as PurposeName[])]
  const LEDGER_NAMES = Object.keys(LEDGERS) as LedgerName[]

  function expectedReason(row: RevealRow): DenialReason | null {
    const clearance = caller([row.who].flat())
    const record = RECORDS[row.record ?? 'mine']
    const entries = row.fields.map((name) => FIELDS[name])
    const standing = standingConsents(LEDGERS[row.consents ?? 'none']())
    const holds = (code: string, guardian: boolean) => {
      const c = standing.get(code)
      return c?.granted === true && (!guardian || c.byGuardian)
    }
    if (!isInScope(clearance, record)) return 'out_of_scope'
    if (row.status === 'destroyed') return 'destroyed'
    if (row.status === 'merged') return 'merged'
    if (row.purpose === 'unknown') return 'purpose_unknown'
    const p = PURPOSES[row.purpose]
    if (!clearance.mayReveal || clearance.revealMaxLevel === 0) return 'no_reveal_grant'
    if (entries.some((e) => e.level > clearance.revealMaxLevel)) return 'beyond_clearance'
    if (
      entries.some(
        (e) => e.level > p.max_level || (p.fields !== null && !p.fields.includes(e.field)),
      )
    ) {
      return 'beyond_purpose'
    }
    if (row.status === 'restricted') return 'restricted'
    if (p.legal_basis !== 'consent') return null
    const own = standing.get(p.code)
    if (!own?.granted) return own ? 'consent_withdrawn' : 'no_consent'
    if (row.minor) {
      if (!own.byGuardian) return 'consent_not_by_guardian'
      return holds(SENSITIVE_CONSENT, true) ? null : 'no_guardian_sensitive_consent'
    }
    const sensitive = entries.some((e) => e.sensitive)
    if (sensitive && p.code !== SENSITIVE_CONSENT && !holds(SENSITIVE_CONSENT, false)) {
      return 'no_sensitive_consent'
    }
    return null
  }

  const rows: RevealRow[] = []
  for (const who of ROLES)
    for (const record of ['mine', 'strangers'] as RecordName[])
      for (const status of STATUSES)
        for (const name of FIELD_NAMES.filter((f) => f !== 'grade'))
          for (const purposeName of PURPOSE_NAMES)
            for (const consents of LEDGER_NAMES)
              for (const minor of [false, true]) {
                const row: RevealRow = {
                  who,
                  record,
                  status,
                  fields: [name],
                  purpose: purposeName,
                  consents,
                  minor,
                  expected: null,
                }
                row.expected = expectedReason(row)
                rows.push(row)
              }

  it(`decides all ${rows.length} combinations as the rule reads`, () => {
    const wrong: string[] = []
    for (const row of rows) {
      const decision = reveal(row)
      const got = reasonOf(decision)
      // The reason as the rule reads, with the error code of that reason.
      if (
        got !== row.expected ||
        (!decision.allowed && decision.code !== CODE_OF[decision.reason])
      ) {
        wrong.push(`${label(row)} (got ${got ?? 'allowed'})`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('covers every reason a reveal can be refused for, and allowed reveals', () => {
    const seen = new Set(rows.map((row) => row.expected))
    for (const reason of Object.keys(CODE_OF) as DenialReason[]) {
      if (reason.startsWith('owner_')) continue
      expect(seen.has(reason), reason).toBe(true)
    }
    expect(seen.has(null)).toBe(true)
  })

  it('a contract or a legal obligation never asks for consent, minor or not', () => {
    for (const code of ['service', 'risk', 'complaint'] as const) {
      for (const minor of [false, true]) {
        const decision = decideLegalBasis({
          customer: { status: 'active' },
          purpose: PURPOSES[code],
          touchesSensitive: true,
          minor,
          consents: new Map(),
        })
        expect(decision).toEqual({ allowed: true })
      }
    }
  })
})
