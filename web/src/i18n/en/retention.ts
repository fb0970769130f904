import type { Shape } from '../shape.js'
import type { retention as zh } from '../zh-CN/retention.js'

export const retention: Shape<typeof zh> = {
  retention: {
    reviews: 'Review queue',
    policies: 'Retention periods',
    noReviews: 'No customer past a retention period',
    policy: 'Policy',
    expiredAt: 'Period ended',
    flaggedAt: 'Flagged',
    keep: 'Keep',
    keptNote: 'Kept: reviewed again after another period.',
    basis: 'Basis',
    bases: { legal: 'Legal', business: 'Business', consented: 'Consented', lead: 'Lead validity' },
    appliesTo: 'Applies to',
    scopes: { all: 'All customers', leads: 'Unconverted registrations' },
    measuredFrom: 'Counted from',
    from: { created: 'Creation', updated: 'Last change', consent_withdrawn: 'Consent withdrawn' },
    periodDays: 'Days',
  },
  destruction: {
    request: 'Request destruction',
    hold: 'Legal hold',
    warning:
      'Destruction deletes the customer’s data key: all of their personal information, in old backups too, can never be read again. A second authorised person must approve.',
    reason: 'Reason',
    reasons: {
      retention_expired: 'Retention period over',
      rejected_draft: 'A draft sent back and not corrected in time',
      customer_request: 'Customer asked for deletion',
      purpose_fulfilled: 'Purpose fulfilled',
      consent_withdrawn: 'Consent withdrawn',
      unlawfully_collected: 'Unlawfully collected',
    },
    reference: 'Case or order reference',
    referenceHint: 'No personal data',
    requestedNote: 'Destruction requested: a second authorised person must approve it.',
    heldNote: 'Legal hold placed: no destruction while it stands.',
    status: 'Status',
    statuses: {
      pending_approval: 'Waiting for approval',
      completed: 'Destroyed',
      rejected: 'Rejected',
      all: 'All',
    },
    requested: 'Requested by',
    decided: 'Decided by',
    approved: 'Approved by',
    approve: 'Approve and destroy',
    reject: 'Reject',
    confirm: {
      approve: 'Approve and destroy this customer now?',
      reject: 'Reject this destruction?',
    },
    empty: 'No destructions',
    destroyedTitle: 'This customer has been destroyed',
    destroyedText:
      'The data key is deleted and the personal information cannot be recovered. The record of the destruction:',
  },
}
