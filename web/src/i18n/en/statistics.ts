import type { Shape } from '../shape.js'
import type { statistics as zh } from '../zh-CN/statistics.js'

export const statistics: Shape<typeof zh> = {
  statistics: {
    title: 'Visit-and-call statistics',
    hint: 'The daily visit-and-call sheet, and the weekly and monthly analysis of visits, calls and deals the managers fill in: each salesperson’s visits, calls, follow-ups and deals by day, week or month, counted by the system from its records, with no customer’s personal data in them.',
    period: 'Period',
    periods: { day: 'By day', week: 'By week', month: 'By month' },
    range: 'Range',
    export: 'Export to Excel',
    reach: {
      all: 'Every department',
      department: 'My department',
      own: 'My own work',
    },
    counts: {
      visits: 'Visits',
      calls: 'Calls',
      contacts: 'Interactions',
      newCustomers: 'New customers',
      followUpsDone: 'Follow-ups done',
      followUpsMissed: 'Follow-ups missed',
      dealsSigned: 'Deals signed',
      dealsLost: 'Lost or cancelled',
      firstContacts: 'First contacts',
      converted: 'Of which signed',
    },
    conversion: 'Conversion',
    conversionHint:
      'Of the customers first contacted in this range, the share with a signed deal by now.',
    bucket: 'Period',
    weekOf: 'Week of {{day}}',
    department: 'Department',
    noDepartment: 'No department',
    salesperson: 'Salesperson',
    total: 'Total',
    bySalesperson: 'By salesperson',
    byDepartment: 'By department',
    trend: 'Visits and calls over time',
    dealsByStage: 'Deals by stage (opened in this range)',
    noDealReasons: 'Reasons for no deal',
    kinds: { lost: 'Lost', cancelled: 'Cancelled' },
    stage: 'Stage',
    reason: 'Reason',
    count: 'Count',
    empty: 'Nothing recorded in this range',
  },
}
