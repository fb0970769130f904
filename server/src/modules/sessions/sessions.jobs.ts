import { MINUTE } from '../../platform/clock.js'
import type { JobsOf } from '../../platform/jobs.js'
import { pruneExpiredSessions } from './sessions.service.js'

/** Sessions past their idle or absolute expiry are deleted, not just refused (ACC-4). */
export const sessionsJobs: JobsOf = (deps) => [
  {
    name: 'prune-sessions',
    everyMs: 10 * MINUTE,
    run: (db) => pruneExpiredSessions(db, deps.clock.now(), deps.config.session.idleMinutes),
  },
]
