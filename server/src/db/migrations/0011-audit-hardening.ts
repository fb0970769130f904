import { type Kysely, sql } from 'kysely'

/**
 * AUD-2 hardening of the database side of the audit trail.
 *
 * audit_prune runs with its owner's rights (SECURITY DEFINER). Without a
 * fixed search_path, the caller's temporary schema — searched first for
 * tables unless named — could hold a table called audit_checkpoints with an
 * old date, and the six-month guard would read that instead of the real
 * one. Now every name is schema-qualified and the path is pinned with
 * pg_temp last. The guard also no longer rests on the checkpoint row alone
 * (the application role may insert checkpoint rows, and the database cannot
 * check their Ed25519 signature): the events it would remove must
 * themselves be older than the floor.
 *
 * audit_enqueue names its queue with its schema too, so a temporary table
 * called audit_pending cannot swallow the queue entries of a session.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function public.audit_enqueue() returns trigger language plpgsql as $$
    begin
      insert into public.audit_pending (event_id) values (new.id);
      return null;
    end $$`.execute(db)

  await sql`
    create or replace function public.audit_prune(upto bigint, floor_days integer) returns bigint
    language plpgsql security definer
    set search_path = pg_catalog, public, pg_temp
    as $$
    declare
      removed bigint;
      signed timestamptz;
      newest timestamptz;
    begin
      if floor_days < 183 then
        raise exception 'audit retention cannot be shorter than six months';
      end if;
      select c.signed_at into signed from public.audit_checkpoints c where c.size = upto;
      if signed is null then
        raise exception 'pruning must end at a checkpoint';
      end if;
      if signed > pg_catalog.now() - pg_catalog.make_interval(days => floor_days) then
        raise exception 'that checkpoint is younger than the retention period';
      end if;
      select pg_catalog.max(e.occurred_at) into newest
        from public.audit_seals s join public.audit_events e on e.id = s.event_id
        where s.seq <= upto;
      if newest > pg_catalog.now() - pg_catalog.make_interval(days => floor_days) then
        raise exception 'the events up to that checkpoint are younger than the retention period';
      end if;
      perform pg_catalog.set_config('custodia.audit_prune', 'on', true);
      with gone as (delete from public.audit_seals where seq <= upto returning event_id)
      delete from public.audit_events where id in (select event_id from gone);
      get diagnostics removed = row_count;
      perform pg_catalog.set_config('custodia.audit_prune', 'off', true);
      return removed;
    end $$`.execute(db)
}
