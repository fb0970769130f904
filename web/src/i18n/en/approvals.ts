import type { Shape } from '../shape.js'
import type { approvals as zh } from '../zh-CN/approvals.js'

export const approvals: Shape<typeof zh> = {
  approvals: {
    kind: 'Kind',
    kinds: {
      role_grant: 'Role grant',
      totp_reset: 'Two-factor reset',
      password_reset: 'Password reset',
      catalogue_change: 'Field classification change',
      purpose_change: 'Purpose change',
      entry_review_off: 'Entry review switched off',
      plain_export: 'Customer export with plain values',
    },
    what: 'Request',
    entryReviewOff: 'New records of {{department}}, {{source}}, active without review',
    everyDepartment: 'every department',
    everySource: 'every source channel',
    grant: 'Grant',
    afterwards: 'Roles once approved',
    resetTwoFactorOf: 'Reset two-factor of an account holding',
    resetTwoFactorHint:
      'Once approved, its authenticator is removed; it sets one up again at next sign-in.',
    resetPasswordOf: 'Reset the password of an account holding',
    resetPasswordHint:
      'Once approved, its password stops working and its sessions end; you are shown the second part of the new one-time password (the requester holds the first). Its two-factor enrolment stays.',
    grantReissuesPassword:
      'Once approved, its current password and two-factor enrolment stop working; you are shown the second part of the new one-time password (the requester holds the first).',
    secondPartTitle: 'Second part of the one-time password for {{username}}',
    requested: 'Requested by',
    decided: 'Decided by',
    status: 'Status',
    statuses: {
      pending: 'Waiting',
      approved: 'Approved',
      rejected: 'Rejected',
      withdrawn: 'Withdrawn',
    },
    approve: 'Approve',
    reject: 'Reject',
    confirm: {
      approve: 'Approve this request? It takes effect at once.',
      reject: 'Reject this request?',
    },
    note: 'Note',
    noteHint: { approve: 'Optional', reject: 'Say why it is rejected' },
    empty: 'Nothing waiting for approval',
    emptyDecided: 'No requests with this status',
    fields: {
      fields: 'Fields',
      plainFields: 'Plain fields',
      purpose: 'Purpose',
      rowCount: 'Rows',
      format: 'Format',
    },
  },
  pendingChanges: {
    title: 'Changes awaiting approval',
    hint: 'A change that lowers protection or lets a purpose reach further takes effect once the other function approves it in Approvals: a compliance officer approves a security administrator’s request, and the other way round.',
    submitted:
      'This change lowers protection or widens a purpose: it is awaiting approval by the other function (security administrator or compliance officer) and takes effect once approved.',
    awaiting: 'Awaiting approval',
    decide: 'Decide',
    yours: 'Yours',
    new: 'New',
    change: 'Change',
    requested: 'Requested by',
    on: 'Yes',
    off: 'No',
    aspects: {
      level: 'Lower level',
      sensitive: 'Not sensitive',
      masking: 'Weaker masking',
      maxLevel: 'Higher level reached',
      fields: 'More fields reached',
      legalBasis: 'Basis without consent',
      active: 'Active again',
      terms: 'New name or description',
    },
  },
}
