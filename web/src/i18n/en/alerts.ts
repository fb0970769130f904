import type { Shape } from '../shape.js'
import type { alerts as zh } from '../zh-CN/alerts.js'

export const alerts: Shape<typeof zh> = {
  alerts: {
    title: 'Security alerts',
    empty: 'No alerts',
    rule: 'Rule',
    statusTitle: 'Status',
    status: { open: 'Open', acknowledged: 'Acknowledged', closed: 'Closed', all: 'All' },
    rules: {
      bulk_access: 'Bulk access or export',
      off_hours: 'Access outside working hours',
      repeated_denials: 'Repeated refusals',
      out_of_scope: 'Out-of-scope access',
      request_overdue: 'Customer request overdue',
      credential_reset: 'Credentials reset on an account with data access',
    },
    who: 'Account / source',
    events: 'Events',
    lastSeen: 'Last seen',
    note: 'Note',
    trail: 'Trail',
    acknowledge: 'Acknowledge',
    close: 'Close',
  },
}
