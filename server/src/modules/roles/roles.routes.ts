import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../../platform/deps.js'
import { PERMISSIONS } from '../../security/permissions.js'
import { ROLES } from '../../security/roles.js'

const roleSchema = z.object({
  code: z.enum(ROLES),
  name: z.object({ 'zh-CN': z.string(), en: z.string() }),
  recordScope: z.enum(['none', 'own', 'department', 'all', 'complaints']),
  viewMaxLevel: z.number().int(),
  revealMaxLevel: z.number().int(),
  permissions: z.array(z.enum(PERMISSIONS)),
})

/** The grants table of ACC-1, as the database holds it. */
export function rolesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/roles', {
      config: { access: 'accounts.read' },
      schema: {
        tags: ['accounts'],
        summary: 'Roles and what each grants',
        response: { 200: z.object({ items: z.array(roleSchema) }) },
      },
      handler: async () => {
        const roles = await deps.db.selectFrom('roles').selectAll().execute()
        const grants = await deps.db.selectFrom('role_permissions').selectAll().execute()
        const order = (code: string) => ROLES.indexOf(code as (typeof ROLES)[number])
        return {
          items: roles
            .sort((a, b) => order(a.code) - order(b.code))
            .map((role) => ({
              code: role.code,
              name: { 'zh-CN': role.name_zh, en: role.name_en },
              recordScope: role.record_scope,
              viewMaxLevel: role.view_max_level,
              revealMaxLevel: role.reveal_max_level,
              permissions: grants
                .filter((g) => g.role === role.code)
                .map((g) => g.permission as (typeof PERMISSIONS)[number])
                .sort(),
            })),
        }
      },
    })
  }
}
