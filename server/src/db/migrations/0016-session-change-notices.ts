import { type Kysely, sql } from 'kysely'

/**
 * Issue 15: each server keeps the sessions it has looked up in memory, so a
 * request does not read its session from the database. What a cached
 * session carries can only go stale through these tables, and every change
 * to them that matters announces the account it touched on the
 * `custodia_sessions` channel when it commits, whoever makes it — a route,
 * a command, a job, an operator at psql. Each server drops that account's
 * sessions from its cache (db/change-feed.ts, sessions/session-cache.ts).
 * The idle clock (`last_seen_at`) is not announced: it is checked against
 * the database before a session is ended for it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function announce_session_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('custodia_sessions', coalesce(new.account_id, old.account_id)::text);
      return null;
    end $$`.execute(db)
  await sql`
    create function announce_account_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('custodia_sessions', coalesce(new.id, old.id)::text);
      return null;
    end $$`.execute(db)
  await sql`
    create trigger sessions_announce_change
    after update of stage, account_id, expires_at or delete on sessions
    for each row execute function announce_session_change()`.execute(db)
  await sql`
    create trigger accounts_announce_change
    after update of status, username, department_id or delete on accounts
    for each row execute function announce_account_change()`.execute(db)
  await sql`
    create trigger account_roles_announce_change
    after insert or update or delete on account_roles
    for each row execute function announce_session_change()`.execute(db)
}
