import { useLocation, useNavigate, useSearchParams } from 'react-router-dom'

/** The list's filters: codes and ids, kept in the address (issue 14: reload and back/forward keep a search). */
const FILTERS = ['grade', 'source', 'departmentId'] as const
/** What a user types about a person: kept with the history entry, never in the address. */
const TERMS = ['q', 'mobile', 'idNumber'] as const

export type Search = Partial<Record<(typeof FILTERS)[number] | (typeof TERMS)[number], string>>

/**
 * The customer search of this history entry. Filters sit in the query
 * string; a name, mobile or ID number sits in the entry's state instead: an
 * address is kept in the browser's history list and sent on as the Referer
 * (a proxy's access log keeps it), where no personal value belongs. Both
 * survive a reload and come back with back/forward.
 */
export function useCustomerSearch(): [Search, (next: Search) => void, string] {
  const [params] = useSearchParams()
  const location = useLocation()
  const navigate = useNavigate()
  const terms = (location.state as { terms?: Search } | null)?.terms ?? {}
  const search: Search = {}
  for (const key of FILTERS) {
    const value = params.get(key)
    if (value) search[key] = value
  }
  for (const key of TERMS) if (terms[key]) search[key] = terms[key]
  const go = (next: Search) => {
    const query = new URLSearchParams()
    for (const key of FILTERS) if (next[key]) query.set(key, next[key])
    const kept: Search = {}
    for (const key of TERMS) if (next[key]) kept[key] = next[key]
    void navigate({ search: query.toString() }, { state: { terms: kept } })
  }
  return [search, go, location.key]
}
