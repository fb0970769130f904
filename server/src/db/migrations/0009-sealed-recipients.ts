import { type Kysely, sql } from 'kysely'

/**
 * A consent's recipient (the third party, or the recipient abroad, that
 * PIPL Art. 23 and 39 ask a consent to name) was kept in plain text, and
 * outlived the customer's destruction. From here it is sealed under the
 * customer's data key with the consent's evidence and guardian, in
 * `consents.sealed`, so it goes when the key goes (CLS-2, RET-2).
 *
 * A migration cannot reach the master key, so it cannot seal: recipients
 * already stored move, as they are, to `legacy_recipient` (a rename: the
 * append-only ledger's rows are not rewritten here), and the server seals
 * and clears them through the vault when it starts, before it serves
 * (modules/consents/seal-legacy-recipients.ts). That sealing is the one
 * change the append-only ledger allows: `legacy_recipient` becomes null,
 * `sealed` gains the recipient (or nothing, for a destroyed customer whose
 * key is gone), and no other column moves.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table consents rename column recipient to legacy_recipient`.execute(db)
  await sql`comment on column consents.legacy_recipient is
    'Plain recipient recorded before 0009-sealed-recipients; sealed into consents.sealed and cleared at server start'`.execute(
    db,
  )
  await sql`
    create or replace function consents_refuse_change() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE'
        and old.legacy_recipient is not null and new.legacy_recipient is null
        and (to_jsonb(new) - 'legacy_recipient' - 'sealed') = (to_jsonb(old) - 'legacy_recipient' - 'sealed')
        and old.sealed -> 'recipient' is null
        and (new.sealed - 'recipient') = old.sealed then
        return new;
      end if;
      raise exception 'the consent ledger is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
    end $$`.execute(db)
}
