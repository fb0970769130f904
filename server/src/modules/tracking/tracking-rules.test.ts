import { describe, expect, it } from 'vitest'
import type { TrackingField } from '../../db/schema.js'
import {
  fieldsAreValid,
  mergeValues,
  staleAt,
  stalePeriodDays,
  valueErrors,
} from './tracking-rules.js'

const FIELDS: TrackingField[] = [
  {
    code: 'intent',
    kind: 'choice',
    labelZh: '意向',
    labelEn: 'Intent',
    options: [{ code: 'strong', labelZh: '强烈', labelEn: 'Strong' }],
  },
  { code: 'budget', kind: 'amount', labelZh: '预算', labelEn: 'Budget', options: [] },
  { code: 'visit_on', kind: 'date', labelZh: '约访日期', labelEn: 'Visit on', options: [] },
  { code: 'objections', kind: 'text', labelZh: '异议', labelEn: 'Objections', options: [] },
]

/** Issue 17 §3, the rules of the tracking form (客户追踪表): fields, values, staleness. */
describe('tracking form rules', () => {
  it('accepts unique codes with choices only on a choice field', () => {
    expect(fieldsAreValid(FIELDS)).toBe(true)
    expect(fieldsAreValid([])).toBe(false)
    expect(fieldsAreValid([FIELDS[1] as TrackingField, FIELDS[1] as TrackingField])).toBe(false)
    expect(fieldsAreValid([{ ...(FIELDS[0] as TrackingField), options: [] }])).toBe(false)
  })

  it('names each value that does not fit its field', () => {
    expect(valueErrors(FIELDS, { intent: 'strong', budget: 300, visit_on: '2026-02-28' })).toEqual(
      {},
    )
    expect(
      valueErrors(FIELDS, {
        intent: 'maybe',
        budget: '300',
        visit_on: '2026-02-30',
        colour: 'red',
        objections: null,
      }),
    ).toEqual({
      'values.intent': 'notAllowed',
      'values.budget': 'invalid',
      'values.visit_on': 'invalid',
      'values.colour': 'unknownField',
    })
  })

  it('merges an update: given replaces, null clears, left out keeps', () => {
    expect(mergeValues({ intent: 'strong', budget: 100 }, { budget: 200, intent: null })).toEqual({
      values: { budget: 200 },
      changed: ['budget', 'intent'],
    })
    expect(mergeValues({ budget: 100 }, { budget: 100 }).changed).toEqual([])
  })

  it('makes a form stale its level’s period after the last update, or after entry when never filled', () => {
    const settings = { levelAStaleDays: 7, levelBStaleDays: 14 }
    expect(stalePeriodDays('A', settings)).toBe(7)
    expect(stalePeriodDays('B', settings)).toBe(14)
    expect(stalePeriodDays('C', settings)).toBeNull()
    const entered = new Date('2026-01-01T00:00:00Z')
    expect(staleAt(null, entered, 7).toISOString()).toBe('2026-01-08T00:00:00.000Z')
    expect(staleAt(new Date('2026-01-05T00:00:00Z'), entered, 14).toISOString()).toBe(
      '2026-01-19T00:00:00.000Z',
    )
  })
})
