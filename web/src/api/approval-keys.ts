import type { Approval } from './types.js'

/**
 * The approvals' query keys, in their own file: the screens whose changes
 * wait for approval (catalogue, purposes) refresh them, and the approvals'
 * hooks refresh those screens, without the two files importing each other.
 */
export const approvalKeys = {
  all: ['approvals'] as const,
  byStatus: (status: Approval['status']) => ['approvals', status] as const,
  byKind: (kind: string) => ['approvals', kind] as const,
}
