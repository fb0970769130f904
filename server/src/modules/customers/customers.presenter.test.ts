import { describe, expect, it } from 'vitest'
import type { Clearance } from '../../security/customer-policy.js'
import { DEFAULT_CATALOGUE } from '../catalogue/default-catalogue.js'
import type { Catalogue, StoredEntry } from '../catalogue/index.js'
import type { PersonalValue } from './customer-values.js'
import { presentCustomer } from './customers.presenter.js'
import type { CustomerRow } from './customers.repository.js'

/**
 * The presenter is pure (issue 13 item 8): given values already opened and a
 * caller's clearance, it shapes and masks them (CLS-4, ACC-1). No database,
 * no vault.
 */
const AT = new Date('2026-01-02T03:04:05Z')

const entries: StoredEntry[] = [
  ...DEFAULT_CATALOGUE.map((entry) => ({ ...entry, custom: false, updatedAt: AT })),
  {
    field: 'hobby',
    appliesTo: 'both',
    labelZh: '爱好',
    labelEn: 'Hobby',
    level: 1,
    sensitive: false,
    masking: 'text',
    encrypted: true,
    searchable: false,
    dataType: 'text',
    retentionDays: null,
    custom: true,
    updatedAt: AT,
  },
]
const byField = new Map(entries.map((entry) => [entry.field, entry]))
const catalogue: Catalogue = {
  entries,
  get: (field) => byField.get(field),
  personalFields: (kind) =>
    entries.filter((e) => e.level > 0 && (e.appliesTo === 'both' || e.appliesTo === kind)),
}

const clearance = (
  viewMaxLevel: number,
  revealMaxLevel: number,
  mayReveal: boolean,
): Clearance => ({
  accountId: '00000000-0000-4000-8000-000000000001',
  departmentId: null,
  scopes: new Set(['own']),
  viewMaxLevel,
  revealMaxLevel,
  mayReveal,
  mayReview: false,
})

const row = (kind: CustomerRow['kind']): CustomerRow => ({
  id: '00000000-0000-4000-8000-0000000000c1',
  kind,
  status: 'active',
  grade: 'A',
  tracking_level: null,
  tenure: null,
  industry: '金融',
  size: null,
  source: null,
  owner_id: '00000000-0000-4000-8000-000000000001',
  department_id: null,
  created_by: '00000000-0000-4000-8000-000000000001',
  created_at: AT,
  updated_at: AT,
  destroyed_at: null,
  last_activity_at: null,
  first_contact_at: null,
  first_contact_by: null,
  merged_into: null,
})

const person = new Map<string, PersonalValue>([
  ['name', '甄金丝雀'],
  ['idType', 'resident_id'],
  ['idNumber', '44030419900307123X'],
  ['mobile', '13912345678'],
  ['email', 'canary.zhen@example.com'],
  ['employer', '金丝雀科技'],
  ['income', 7654321.98],
  ['bankCards', ['6222021234567890123']],
  ['hobby', '观鸟'],
])

const organisation = new Map<string, PersonalValue>([
  ['name', '深圳市金丝雀信息技术有限公司'],
  ['creditCode', '91440300MA5F00001A'],
  ['contacts', [{ name: '雀经理', mobile: '13787654321', title: '总经理' }]],
])

const ATTRIBUTES = {
  id: '00000000-0000-4000-8000-0000000000c1',
  status: 'active',
  grade: 'A',
  trackingLevel: null,
  tenure: null,
  industry: '金融',
  size: null,
  source: null,
  ownerId: '00000000-0000-4000-8000-000000000001',
  departmentId: null,
  createdAt: AT,
  updatedAt: AT,
}

/** The person's values as every clearance that sees them shows them: masked by each field's rule. */
const PERSON_SHOWN = {
  name: '甄***',
  idType: 'resident_id',
  idNumber: '440304********123X',
  mobile: '139****5678',
  email: 'c***@example.com',
  employer: '金丝雀科技',
  income: '***',
  bankCards: ['6222 **** **** 0123'],
  customFields: { hobby: '***' },
}
const PERSON_MASKED = ['name', 'idNumber', 'mobile', 'email', 'income', 'bankCards', 'hobby']

const ORGANISATION_SHOWN = {
  name: '深圳********有限公司',
  creditCode: '91************001A',
  contacts: [{ name: '雀**', mobile: '137****4321', title: '总经理' }],
}
const ORGANISATION_MASKED = ['name', 'creditCode', 'contacts']

describe('presentCustomer: opened values shaped for one caller, no vault, no I/O (issue 13 item 8)', () => {
  it.each([
    {
      who: 'view and reveal up to level 3',
      clearance: clearance(3, 3, true),
      revealable: PERSON_MASKED,
    },
    {
      // ACC-1: a field beyond the view clearance is still shown masked, never revealable.
      who: 'view and reveal level 1 only',
      clearance: clearance(1, 1, true),
      revealable: ['name', 'idNumber', 'mobile', 'email', 'hobby'],
    },
    {
      who: 'view without the reveal permission',
      clearance: clearance(3, 3, false),
      revealable: [],
    },
  ])('an individual, for a caller with $who', ({ clearance: cleared, revealable }) => {
    expect(presentCustomer({ catalogue, clearance: cleared }, row('individual'), person)).toEqual({
      ...ATTRIBUTES,
      kind: 'individual',
      ...PERSON_SHOWN,
      masked: PERSON_MASKED,
      revealable,
    })
  })

  it.each([
    { who: 'view and reveal up to level 3', clearance: clearance(3, 3, true), revealable: true },
    {
      who: 'view without the reveal permission',
      clearance: clearance(1, 1, false),
      revealable: false,
    },
  ])(
    'an organisation and its contact person, for a caller with $who',
    ({ clearance: cleared, revealable }) => {
      // CLS-4: the organisation's name masked as an organisation's, its contact's as a person's.
      expect(
        presentCustomer({ catalogue, clearance: cleared }, row('organization'), organisation),
      ).toEqual({
        ...ATTRIBUTES,
        kind: 'organization',
        ...ORGANISATION_SHOWN,
        masked: ORGANISATION_MASKED,
        revealable: revealable ? ORGANISATION_MASKED : [],
      })
    },
  )

  it('shows nothing personal to a caller who sees no customer data, whatever values it is handed', () => {
    for (const [kind, values] of [
      ['individual', person],
      ['organization', organisation],
    ] as const) {
      expect(
        presentCustomer({ catalogue, clearance: clearance(0, 0, false) }, row(kind), values),
      ).toEqual({
        ...ATTRIBUTES,
        kind,
        masked: [],
        revealable: [],
      })
    }
  })

  it('shows only the attributes of a customer with no values stored', () => {
    expect(
      presentCustomer(
        { catalogue, clearance: clearance(3, 3, true) },
        row('individual'),
        undefined,
      ),
    ).toEqual({ ...ATTRIBUTES, kind: 'individual', masked: [], revealable: [] })
  })

  it('leaves out a field with no value, and one that does not apply to the kind of record', () => {
    const values = new Map<string, PersonalValue>([
      ['name', '甄金丝雀'],
      ['creditCode', '91440300MA5F00001A'],
    ])
    expect(
      presentCustomer({ catalogue, clearance: clearance(3, 3, true) }, row('individual'), values),
    ).toEqual({
      ...ATTRIBUTES,
      kind: 'individual',
      name: '甄***',
      masked: ['name'],
      revealable: ['name'],
    })
  })

  it('shows a field whose rule is none plain, and keeps it off the masked list', () => {
    const view = presentCustomer(
      { catalogue, clearance: clearance(1, 1, true) },
      row('individual'),
      person,
    )
    expect(view.employer).toBe('金丝雀科技')
    expect(view.masked).not.toContain('employer')
    expect(view.masked).not.toContain('idType')
  })

  it('is synchronous: it returns the view, not a promise', () => {
    const view = presentCustomer(
      { catalogue, clearance: clearance(1, 1, true) },
      row('individual'),
      person,
    )
    expect(view).not.toBeInstanceOf(Promise)
  })
})
