/**
 * The sessions module's face. Sessions are their own module, below both
 * auth (which opens them) and accounts (which ends them when an account is
 * disabled or its credentials change), so that neither imports the other
 * for them; the access hook gets `lookupSession` from app.ts.
 */

export { sessionsJobs } from './sessions.jobs.js'
export {
  createSession,
  endAccountSessions,
  endSession,
  lookupSession,
  SESSION_COOKIE,
  type SessionLookup,
  setSessionStage,
} from './sessions.service.js'
