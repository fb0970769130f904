import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../../platform/deps.js'
import { runDetails, runDetailsSchema } from './backup-run-details.js'

const runSchema = z.object({
  id: z.string(),
  kind: z.enum(['create', 'verify', 'restore']),
  trigger: z.enum(['schedule', 'command']),
  backupId: z.string().nullable(),
  file: z.string().nullable(),
  ok: z.boolean(),
  /** The run's line as recorded (English, as the command line prints it). */
  detail: z.string(),
  /** The same, as parts for the console to word in the user's language. */
  details: runDetailsSchema,
  startedAt: z.date(),
  finishedAt: z.date(),
})

/** The history of backups and their verifications (OPS-1). */
export function backupsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/backups', {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['backups'],
        summary: 'Backups, verifications and restores, newest first',
        response: { 200: z.object({ items: z.array(runSchema) }) },
      },
      handler: async () => {
        const rows = await deps.db
          .selectFrom('backup_runs')
          .selectAll()
          .orderBy('started_at', 'desc')
          .limit(200)
          .execute()
        return {
          items: rows.map((r) => ({
            id: r.id,
            kind: r.kind,
            trigger: r.trigger,
            backupId: r.backup_id,
            file: r.file,
            ok: r.ok,
            detail: r.detail,
            details: runDetails(r.detail),
            startedAt: r.started_at,
            finishedAt: r.finished_at,
          })),
        }
      },
    })
  }
}
