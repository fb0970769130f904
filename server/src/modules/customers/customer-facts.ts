import type { StandingConsent } from '../../security/customer-policy.js'
import type { DestroyedCustomer } from './customers.schemas.js'

/**
 * What other modules keep about a customer that the customers module needs
 * for its answers. Those modules depend on this one (they take their
 * customers through its guard), so the composition root hands these in
 * instead of customers importing them: no import cycle.
 */
export type CustomerFacts = {
  /** The completed destruction of a customer, which a destroyed customer answers with (RET-2). */
  destructionOf(customerId: string): Promise<DestroyedCustomer['destruction']>
  /** The customer's standing consents to these purposes, from the consent ledger (CON-2). */
  standingConsents(
    customerId: string,
    purposes: string[],
  ): Promise<ReadonlyMap<string, StandingConsent>>
}
