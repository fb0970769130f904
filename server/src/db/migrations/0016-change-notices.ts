import { type Kysely, sql } from 'kysely'

/**
 * Issue 15: each server keeps in memory what nearly every request reads and
 * few requests change, and drops it when a trigger here announces a change
 * on commit — whoever makes it: a route, a command, a job, an operator at
 * psql (db/change-feed.ts).
 *
 * - `custodia_sessions` carries the account a change touched: a session
 *   ended or its stage changed, an account's status, username or department
 *   changed, a role granted or removed. Each server drops that account's
 *   cached sessions (sessions/session-cache.ts). The idle clock
 *   (`last_seen_at`) is not announced: it is checked against the database
 *   before a session is ended for it.
 * - `custodia_purposes`: any change to the purposes (purposes/active-purposes.ts).
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
    create function announce_purposes_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('custodia_purposes', '');
      return null;
    end $$`.execute(db)
  await sql`
    create trigger purposes_announce_change
    after insert or update or delete or truncate on purposes
    for each statement execute function announce_purposes_change()`.execute(db)
  await sql`
    create trigger account_roles_announce_change
    after insert or update or delete on account_roles
    for each row execute function announce_session_change()`.execute(db)
}
