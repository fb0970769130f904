import type { AuditAction } from '../../audit/audit-actions.js'

/**
 * The kinds of record that belong to one customer. A route whose path names
 * one by its id declares it (ACC-1), and the caller's scope on the owning
 * customer is checked before anything else runs — the one check of the
 * customer routes (modules/customers/customer-scope-guard.ts).
 */
export const CUSTOMER_RECORD_KINDS = [
  'customer',
  'consent',
  'request',
  'destruction',
  'legal_hold',
  'retention_review',
  'deal',
  'interaction',
  'follow_up',
  'feedback_response',
  'duplicate_pair',
  'merge',
] as const

export type CustomerRecordKind = (typeof CUSTOMER_RECORD_KINDS)[number]

export type CustomerScope = {
  /** What the path parameter names. */
  record: CustomerRecordKind
  /** The audit action a refusal is recorded under (the action the route performs). */
  action: AuditAction
  /** The path parameter holding the id; `id` unless told. */
  param?: string
  /**
   * For a route on a customer that opens its values: the guard reads them
   * with the record, in the same round trip, and hands both to the handler
   * (`customerReadOf`) — the values the caller may see (`visible`), or every
   * one (`all`: a reveal, whose policy reads an ID number whatever is asked).
   * They are only read, never opened, before the route's own checks.
   */
  readsValues?: 'visible' | 'all'
}

declare module 'fastify' {
  interface FastifyContextConfig {
    customerScope?: CustomerScope
  }
  interface FastifyRequest {
    /** What the customer guard read and admitted for this request's route (customers module). */
    customerInScope: unknown
  }
}
