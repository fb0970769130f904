import type { Actor } from '../../audit/audit-log.js'
import type { SessionStage } from '../../db/schema.js'
import type { DataGrant } from '../../security/account-grants.js'
import type { Permission } from '../../security/permissions.js'
import type { Role } from '../../security/roles.js'

/**
 * Who is calling, as established by a session cookie or an API token — or
 * the account a background job acts for (an import: security/account-grants.ts).
 */
export type Principal = {
  accountId: string
  username: string
  roles: Role[]
  departmentId: string | null
  permissions: ReadonlySet<Permission>
  /** Which customer records and field levels the roles reach (ACC-1). */
  data: DataGrant
  actor: Actor
} & (
  | { via: 'session'; sessionHash: string; stage: SessionStage }
  | { via: 'token'; tokenId: string }
  | { via: 'job'; job: string }
)

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null
  }
}
