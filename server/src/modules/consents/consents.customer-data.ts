import { type CustomerDataHolder, countByCustomerId } from '../../platform/customer-data-holder.js'
import { RECIPIENT_ADDRESS } from './consent-ledger.js'

/**
 * The consent ledger (CON-1, CON-2): one row per decision, append-only.
 * Evidence, guardian and recipient are sealed under the customer's key.
 */
export const consentsData: CustomerDataHolder<{
  consents: {
    purpose: string
    purposeName: { 'zh-CN': string; en: string }
    granted: boolean
    channel: string
    noticeVersion: number | null
    recipient: string | null
    guardian: { name: string; relation: string } | null
    evidence: string | null
    recordedAt: string
  }[]
}> = {
  name: 'consents',
  tables: ['consents'],

  /** The person's consents go with them: the survivor's ledger reads both, the latest decision per purpose standing. */
  movable: [{ table: 'consents', sealedAs: (key) => `consent.${key}` }],

  /** Every decision in the order recorded, evidence, guardian and recipient opened. */
  async exportFor(db, customerId, { vault, key }) {
    const rows = await db
      .selectFrom('consents as k')
      .innerJoin('purposes as p', 'p.code', 'k.purpose')
      .select([
        'k.purpose',
        'p.name_zh',
        'p.name_en',
        'k.granted',
        'k.channel',
        'k.notice_version',
        'k.by_guardian',
        'k.sealed',
        'k.recorded_at',
      ])
      .where('k.customer_id', '=', customerId)
      .orderBy('k.id')
      .execute()
    const open = (sealed: Record<string, string>, field: string, address: string) =>
      sealed[field] ? vault.open(key, address, sealed[field]) : null
    return {
      consents: rows.map((c) => {
        const guardian = open(c.sealed, 'guardian', 'consent.guardian')
        return {
          purpose: c.purpose,
          purposeName: { 'zh-CN': c.name_zh, en: c.name_en },
          granted: c.granted,
          channel: c.channel,
          noticeVersion: c.notice_version,
          recipient: open(c.sealed, 'recipient', RECIPIENT_ADDRESS),
          guardian: guardian ? (JSON.parse(guardian) as { name: string; relation: string }) : null,
          evidence: open(c.sealed, 'evidence', 'consent.evidence'),
          recordedAt: c.recorded_at.toISOString(),
        }
      }),
    }
  },

  /**
   * The rows stay: which purpose, granted or withdrawn, when — proof that
   * processing had a basis while the customer existed. What is personal in
   * them is sealed under the customer's key and goes with it; a recipient
   * still in plain text from before recipients were sealed goes now.
   */
  async shred(trx, customerId) {
    await trx
      .updateTable('consents')
      .set({ legacy_recipient: null })
      .where('customer_id', '=', customerId)
      .where('legacy_recipient', 'is not', null)
      .execute()
  },

  count: (db, customerId) => countByCustomerId(db, customerId, ['consents']),
}
