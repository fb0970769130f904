import type { Me } from './api/types.js'

/** A permission the server grants, as the API names it. */
export type Permission = Me['permissions'][number]

/**
 * Whether the signed-in user holds a permission: screens use it to leave out
 * what the server would refuse. Its own file, so that pages and the screen
 * list (navigation.tsx, which loads the pages) both use it without importing
 * each other.
 */
export function has(me: Me, permission: Permission): boolean {
  return me.permissions.includes(permission)
}
