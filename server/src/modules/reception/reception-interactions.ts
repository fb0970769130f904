import type { Transaction } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { Call } from '../../platform/http/call.js'

/** A visit or a call with a customer, as the registers hand it to the interaction log (CUS-6). */
export type RegisterEntry = {
  customerId: string
  origin: 'reception_visit' | 'reception_call'
  originRef: string
  channel: 'visit' | 'phone' | 'wechat' | 'online' | 'other'
  occurredAt: Date
  staffId: string
  durationMinutes: number | null
  outcome: string
}

/**
 * What the registers need of the interactions module, handed in by the
 * composition root (modules.ts) so that neither module imports the other:
 * a finished visit or a logged call with a customer is logged as an
 * interaction in the register's own transaction — one step — and counts as
 * a follow-up.
 */
export type ReceptionHooks = {
  logInteraction(trx: Transaction<DB>, call: Call, entry: RegisterEntry): Promise<void>
}
