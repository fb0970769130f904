import { describe, expect, it } from 'vitest'
import { DAY } from '../../platform/clock.js'
import { DEFAULT_SHARES, type SplitFacts, splitCredit, sumsToOne } from './credit-split.js'

/** The credit split's rules on their own (CUS-5; S0 篇五 (二) 5, (五) 3). */
const at = new Date('2026-03-10T06:00:00Z')
const registration = {
  id: 'reg-1',
  accountId: 'registrant',
  registeredAt: new Date(at.getTime() - 10 * DAY),
  validUntil: new Date(at.getTime() + 50 * DAY),
}
const facts = (over: Partial<SplitFacts> = {}): SplitFacts => ({
  closerId: 'closer',
  registration,
  at,
  day: '2026-03-10',
  latestOwnerChange: null,
  visitsThatDay: [],
  shares: DEFAULT_SHARES,
  ...over,
})

describe('the credit split (业绩分配)', () => {
  it('gives 80 / 20 to closer and registrant while the registration holds', () => {
    const split = splitCredit(facts())
    expect(split.rule).toBe('registration_valid')
    expect(split.shares).toEqual([
      { accountId: 'closer', share: 0.8, role: 'closer' },
      { accountId: 'registrant', share: 0.2, role: 'registrant' },
    ])
    expect(split.registration).toEqual(registration)
  })

  it('gives all to the closer once the registration has expired, to the moment', () => {
    const expired = { ...registration, validUntil: at }
    const split = splitCredit(facts({ registration: expired }))
    expect(split.rule).toBe('registration_expired')
    expect(split.shares).toEqual([{ accountId: 'closer', share: 1, role: 'closer' }])
    expect(split.registration?.id).toBe('reg-1')
  })

  it('gives all to the closer who registered the customer, or when nobody did', () => {
    const own = splitCredit(facts({ registration: { ...registration, accountId: 'closer' } }))
    expect([own.rule, own.shares]).toEqual([
      'own_customer',
      [{ accountId: 'closer', share: 1, role: 'closer' }],
    ])
    expect(splitCredit(facts({ registration: null })).rule).toBe('own_customer')
  })

  it('explains the customer’s wish (以客户意愿为主) and splits it 80 / 20', () => {
    const split = splitCredit(
      facts({ latestOwnerChange: { id: 'change-1', kind: 'wish', toOwnerId: 'closer' } }),
    )
    expect([split.rule, split.ownerChangeId]).toEqual(['customer_wish', 'change-1'])
    expect(split.shares.map((s) => s.share)).toEqual([0.8, 0.2])
    // A wish that went to someone else, or a transfer, is no wish of this closer.
    expect(
      splitCredit(facts({ latestOwnerChange: { id: 'c', kind: 'wish', toOwnerId: 'other' } })).rule,
    ).toBe('registration_valid')
    expect(
      splitCredit(facts({ latestOwnerChange: { id: 'c', kind: 'transfer', toOwnerId: 'closer' } }))
        .rule,
    ).toBe('registration_valid')
  })

  it('splits 50 / 50 a walk-in the closer received and closed the same day (当日成交，五五分成)', () => {
    const split = splitCredit(
      facts({
        visitsThatDay: [
          { id: 'visit-0', receivedBy: 'registrant' },
          { id: 'visit-1', receivedBy: 'closer' },
        ],
      }),
    )
    expect([split.rule, split.visitId]).toEqual(['same_day_stand_in', 'visit-1'])
    expect(split.shares.map((s) => s.share)).toEqual([0.5, 0.5])
    // Received by someone else that day: no stand-in.
    expect(splitCredit(facts({ visitsThatDay: [{ id: 'v', receivedBy: 'x' }] })).rule).toBe(
      'registration_valid',
    )
    // An expired registration earns the registrant nothing, stand-in or not.
    const expired = { ...registration, validUntil: new Date(at.getTime() - 1) }
    expect(
      splitCredit(
        facts({ registration: expired, visitsThatDay: [{ id: 'v', receivedBy: 'closer' }] }),
      ).rule,
    ).toBe('registration_expired')
  })

  it('follows the configured shares, leaves out a share of nothing, and always adds up to 1', () => {
    const shares = {
      registrationValid: { closer: 0.7, registrant: 0.3 },
      sameDay: { closer: 1, registrant: 0 },
    }
    expect(splitCredit(facts({ shares })).shares.map((s) => s.share)).toEqual([0.7, 0.3])
    const sameDay = splitCredit(
      facts({ shares, visitsThatDay: [{ id: 'v', receivedBy: 'closer' }] }),
    )
    expect(sameDay.shares).toEqual([{ accountId: 'closer', share: 1, role: 'closer' }])
    for (const pair of [
      [0.65, 0.35],
      [0.55, 0.45],
      [0.9, 0.1],
    ] as const) {
      const split = splitCredit(
        facts({
          shares: { ...shares, registrationValid: { closer: pair[0], registrant: pair[1] } },
        }),
      )
      expect(sumsToOne(split.shares.map((s) => s.share))).toBe(true)
    }
    expect(() =>
      splitCredit(
        facts({ shares: { ...shares, registrationValid: { closer: 0.8, registrant: 0.3 } } }),
      ),
    ).toThrow(/add up to 1/)
  })
})
