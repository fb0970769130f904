import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import type { CustomerScope } from '../../platform/http/customer-scope.js'
import { customerReadInScope, linkedRecordInScope } from './customer-guard.js'
import type { CustomerRead } from './customers.repository.js'
import { LINKED_RECORDS, linkedKindOfPath } from './linked-records.js'

export type ScopedRoute = { method: string; url: string; customerScope: CustomerScope | null }

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with the customer-linked record its path names, if any (for review and tests). */
    scopedRoutes: readonly ScopedRoute[]
  }
}

/**
 * ACC-1 on every customer-linked route: a route whose path names a customer,
 * or a record that belongs to one (a request, a destruction, a legal hold…),
 * declares it in `config.customerScope`, and this hook — not the handler —
 * has the one customer guard (customer-guard.ts) resolve the owning
 * customer and check the caller's scope before the body is even validated.
 * Out of scope answers exactly as a missing record does (404), changes
 * nothing, and is audited `out_of_scope`.
 * A route on such a path that does not declare it is refused at
 * registration: the server cannot start with one.
 */
export function registerCustomerScopeGuard(app: FastifyInstance, deps: AppDeps): void {
  const table: ScopedRoute[] = []
  app.decorate('scopedRoutes', table)
  app.decorateRequest('customerInScope', null)
  app.addHook('onRoute', (route) => {
    const declared = route.config?.customerScope
    const kind = linkedKindOfPath(route.url)
    if (kind && declared?.record !== kind) {
      throw new Error(
        `Route ${String(route.method)} ${route.url} names a ${kind} and must declare customerScope { record: '${kind}' }`,
      )
    }
    if (declared && !route.url.includes(`:${declared.param ?? 'id'}`)) {
      throw new Error(
        `Route ${String(route.method)} ${route.url}: customerScope names no parameter`,
      )
    }
    for (const method of [route.method].flat()) {
      table.push({ method, url: route.url, customerScope: declared ?? null })
    }
  })

  app.addHook('preValidation', async (request) => {
    const scope = request.routeOptions.config?.customerScope
    if (!scope) return
    const id = (request.params as Record<string, unknown>)[scope.param ?? 'id']
    // A malformed id is the route's validation's to refuse (400).
    if (typeof id !== 'string' || !LINKED_RECORDS[scope.record].idPattern.test(id)) return
    const call = callOf(deps, request)
    const attempt = {
      action: scope.action,
      details: {
        route: `${request.method} ${request.routeOptions.url}`,
        ...(scope.record !== 'customer' && { record: scope.record, recordId: id }),
      },
    }
    request.customerInScope =
      scope.record === 'customer' && scope.readsValues
        ? await customerReadInScope(call, id, scope.readsValues, {
            ...attempt,
            admitDestroyed: true,
          })
        : await linkedRecordInScope(call, { kind: scope.record, id }, attempt)
  })
}

/**
 * What the guard read for a route declaring `readsValues`: the customer
 * it admitted, with its sealed values. A handler takes its customer from
 * here instead of reading it again.
 */
export function customerReadOf(request: FastifyRequest): CustomerRead {
  const read = request.customerInScope as CustomerRead | null
  if (!read?.row) throw new Error(`${request.routeOptions.url} declares no readsValues`)
  return read
}
