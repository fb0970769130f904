import type { Permission } from '../../security/permissions.js'

/**
 * What every route must declare (ACC-1, deny by default):
 * - 'public': anyone, signed in or not (health, docs, sign-in);
 * - 'signed-in': any signed-in account, even one that still has to change its
 *   password or enrol two-factor (who am I, sign out, those two steps);
 * - a permission: a fully signed-in caller whose roles (or token scopes) grant it.
 */
export type RouteAccess = 'public' | 'signed-in' | Permission

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess
  }
}

/** Routes that plugins register for us (the interactive API docs). */
const PLUGIN_ROUTE_PREFIXES = ['/api/docs']

export function isPluginRoute(url: string): boolean {
  return PLUGIN_ROUTE_PREFIXES.some((prefix) => url === prefix || url.startsWith(`${prefix}/`))
}
