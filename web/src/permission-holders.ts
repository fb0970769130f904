import type { Role } from './api/types.js'
import type { Permission } from './permissions.js'

/**
 * Which roles hold a permission by default (the grants the migrations seed,
 * ACC-1), for the actions the main pages show disabled to everyone else: the
 * console names who may take the step instead of hiding it. Only words for
 * the user; the server decides what anyone may do.
 */
export const DEFAULT_HOLDERS: Partial<Record<Permission, readonly Role[]>> = {
  'customers.write': ['manager', 'agent', 'sales'],
  'customers.reveal': ['compliance', 'manager', 'agent', 'sales'],
  'customers.review': ['manager'],
  'customers.transfer': ['manager'],
  'customers.export': ['manager', 'compliance'],
  'duplicates.review': ['manager', 'compliance'],
  'reviews.record': ['manager'],
  'interactions.manage': ['manager', 'agent', 'sales'],
  'tracking.supervise': ['manager'],
  'consents.manage': ['compliance', 'manager', 'agent', 'sales'],
  'requests.manage': ['compliance'],
  'retention.manage': ['compliance'],
  'purposes.manage': ['secadmin', 'compliance'],
}
