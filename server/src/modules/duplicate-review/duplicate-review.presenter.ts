import type { PairRow } from './duplicate-review.repository.js'
import type { DuplicatePair } from './duplicate-review.schemas.js'

/** A pair as the queue shows it: the two customers by id and masked name. */
export function presentPair(row: PairRow, maskedNames: ReadonlyMap<string, string>): DuplicatePair {
  return {
    id: row.id,
    customers: [
      { id: row.customer_a, name: maskedNames.get(row.customer_a) ?? '', kind: row.kind_a },
      { id: row.customer_b, name: maskedNames.get(row.customer_b) ?? '', kind: row.kind_b },
    ],
    score: row.score,
    reasons: row.reasons,
    status: row.status,
    foundAt: row.found_at,
    scoredAt: row.scored_at,
    decidedBy: row.decided_by_name,
    decidedAt: row.decided_at,
  }
}
