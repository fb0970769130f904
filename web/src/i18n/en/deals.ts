import type { Shape } from '../shape.js'
import type { deals as zh } from '../zh-CN/deals.js'

export const deals: Shape<typeof zh> = {
  deals: {
    title: 'Deals',
    tabs: {
      board: 'Board',
      small_deposit: 'Small-deposit register',
      large_deposit: 'Large-deposit register',
    },
    create: 'Record a deal',
    created: 'Deal recorded',
    customer: 'Customer',
    customerSearch: 'Type the customer’s name (in full, or its first characters)',
    stage: 'Stage',
    amount: 'Amount (yuan)',
    amountHidden: 'Not visible to you',
    product: 'Product (building and unit, parking space…)',
    closer: 'Closer',
    closerHint: 'You, unless someone else is chosen',
    closerAtSigning: 'Whoever signs closes the deal; the credit is split by the rule at signing',
    reason: 'Reason',
    lostReason: 'Why it was not closed',
    cancelledReason: 'Why it was cancelled',
    move: 'Change stage',
    moved: 'Moved to “{{stage}}”',
    moveTo: 'Move to',
    empty: 'No deals yet',
    emptyRegister: 'Nothing in this register yet',
    since: 'Recorded',
    reachedAt: 'Reached this stage',
    credit: 'Credit split',
    preview: 'Preview, fixed at signing',
    fixed: 'Fixed at signing',
    share: '{{name}} ({{role}}) {{percent}} %',
    roles: { closer: 'closer', registrant: 'registrant' },
    rules: {
      own_customer: 'The closer’s own customer (or nobody registered it): all to the closer',
      registration_expired:
        'The registrant’s registration has expired: nothing to them, all to the closer',
      customer_wish:
        'The customer’s wish: they asked to be served by the closer while the registration holds, so the credit is shared',
      same_day_stand_in:
        'Received in a colleague’s place and closed the same day: shared half and half',
      registration_valid: 'Closed by someone else while the registration holds: shared',
    },
    registration: 'Registered by {{name}} on {{registeredAt}}, valid until {{validUntil}}',
    noRegistration: 'No registration',
    ended: 'Ended',
  },
}
