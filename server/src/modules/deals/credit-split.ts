/*
 * Who a deal's credit (业绩) goes to (CUS-5; S0 篇五 (二) 5 and (五) 1-3):
 * pure, from the facts the service gathers at the moment the split is
 * worked out — the closer, the customer's open registration (建档), the
 * customer's latest change of owner, and the visits of the customer on the
 * deal's day. The first rule that applies decides:
 *
 * 1. `own_customer`: the closer registered the customer, or nobody holds a
 *    registration (a customer from the pool): all to the closer.
 * 2. `registration_expired`: the registrant's registration has lapsed
 *    (建档无效期，则与B无关): all to the closer.
 * 3. `customer_wish`: the customer asked to be served by the closer, who
 *    became its owner that way (以客户意愿为主): the valid-registration
 *    shares, 80 / 20 by default (A:80%，B:20%).
 * 4. `same_day_stand_in`: the closer received the customer at the desk on
 *    the deal's day in place of the registrant (如果当日成交，奖金则五五分成):
 *    the same-day shares, 50 / 50 by default.
 * 5. `registration_valid`: someone else closed while the registration
 *    holds: the valid-registration shares, 80 / 20 by default.
 */

export const CREDIT_RULES = [
  'own_customer',
  'registration_expired',
  'customer_wish',
  'same_day_stand_in',
  'registration_valid',
] as const
export type CreditRule = (typeof CREDIT_RULES)[number]

/** A pair of shares, closer and registrant, adding up to 1. */
export type SharePair = { closer: number; registrant: number }

export type SplitShares = {
  /** The closer is not the registrant, whose registration is still valid (and the customer's wish). */
  registrationValid: SharePair
  /** A walk-in closed the same day by who received them in the registrant's place. */
  sameDay: SharePair
}

export const DEFAULT_SHARES: SplitShares = {
  registrationValid: { closer: 0.8, registrant: 0.2 },
  sameDay: { closer: 0.5, registrant: 0.5 },
}

export type SplitFacts = {
  closerId: string
  /** The customer's open registration, valid or expired; none for a customer nobody registered. */
  registration: {
    id: string
    accountId: string
    registeredAt: Date
    validUntil: Date
  } | null
  /** The moment the split is worked out (the signing, or now for a preview). */
  at: Date
  /** The company's calendar day of `at`. */
  day: string
  /** The customer's latest change of owner, if any. */
  latestOwnerChange: { id: string; kind: string; toOwnerId: string | null } | null
  /** The customer's reception visits on `day`: who received each. */
  visitsThatDay: readonly { id: string; receivedBy: string }[]
  shares: SplitShares
}

export type CreditShare = { accountId: string; share: number; role: 'closer' | 'registrant' }

export type CreditSplit = {
  rule: CreditRule
  /** Every share above zero, the closer first; they add up to 1. */
  shares: CreditShare[]
  /** The registration the rule read (id, registrant, dates), or none. */
  registration: { id: string; accountId: string; registeredAt: Date; validUntil: Date } | null
  /** The owner change of the customer's wish, for `customer_wish`. */
  ownerChangeId: string | null
  /** The visit of the stand-in, for `same_day_stand_in`. */
  visitId: string | null
  day: string
}

/** Whether a pair of shares is usable: each between 0 and 1, adding up to 1. */
export function isSharePair(pair: SharePair): boolean {
  const inRange = (n: number) => Number.isFinite(n) && n >= 0 && n <= 1
  return (
    inRange(pair.closer) && inRange(pair.registrant) && sumsToOne([pair.closer, pair.registrant])
  )
}

/** Whether shares add up to 1 (to the ten-thousandth the settings keep). */
export function sumsToOne(shares: readonly number[]): boolean {
  return Math.round(shares.reduce((sum, s) => sum + s, 0) * 10_000) === 10_000
}

export function splitCredit(facts: SplitFacts): CreditSplit {
  const { closerId, registration, at, day, latestOwnerChange, visitsThatDay, shares } = facts
  const base = { registration, ownerChangeId: null, visitId: null, day }
  const allToCloser = (rule: CreditRule): CreditSplit => ({
    ...base,
    rule,
    shares: [{ accountId: closerId, share: 1, role: 'closer' }],
  })
  if (!registration || registration.accountId === closerId) return allToCloser('own_customer')
  if (registration.validUntil.getTime() <= at.getTime()) return allToCloser('registration_expired')

  const split = (rule: CreditRule, pair: SharePair, extra: Partial<CreditSplit> = {}) => {
    if (!isSharePair(pair)) throw new Error(`The ${rule} shares do not add up to 1`)
    const list: CreditShare[] = [
      { accountId: closerId, share: pair.closer, role: 'closer' },
      { accountId: registration.accountId, share: pair.registrant, role: 'registrant' },
    ]
    return { ...base, ...extra, rule, shares: list.filter((s) => s.share > 0) }
  }
  if (latestOwnerChange?.kind === 'wish' && latestOwnerChange.toOwnerId === closerId) {
    return split('customer_wish', shares.registrationValid, { ownerChangeId: latestOwnerChange.id })
  }
  const standIn = visitsThatDay.find((v) => v.receivedBy === closerId)
  if (standIn) return split('same_day_stand_in', shares.sameDay, { visitId: standIn.id })
  return split('registration_valid', shares.registrationValid)
}
