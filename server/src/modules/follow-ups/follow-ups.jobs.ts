import { MINUTE } from '../../platform/clock.js'
import type { JobsOf } from '../../platform/jobs.js'
import { remindCall, remindFollowUps } from './remind-follow-ups.js'

/**
 * Follow-ups coming due are notified to their assignees, and those overdue
 * past the escalation delay to the assignees' managers (issue 17). Checked
 * every quarter of an hour, so a reminder comes within 15 minutes of its time.
 */
export const followUpsJobs: JobsOf = (deps) => [
  {
    name: 'follow-up-reminders',
    everyMs: 15 * MINUTE,
    run: (db) => remindFollowUps(remindCall(deps), db),
  },
]
