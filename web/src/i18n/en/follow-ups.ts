import type { Shape } from '../shape.js'
import type { followUps as zh } from '../zh-CN/follow-ups.js'

export const followUps: Shape<typeof zh> = {
  followUps: {
    title: 'Follow-ups',
    hint: 'Plan a follow-up or a return visit for a customer: its assignee is reminded when it is due, and the department’s managers once it is overdue past the set delay. For customers of tracking level A or B the next one is planned when one is done, by the set period.',
    schedule: 'Plan a follow-up',
    scheduleTitle: 'Plan a follow-up of this customer',
    dueAt: 'Due',
    purpose: 'Purpose',
    recurring: 'Repeat by tracking level (A and B customers)',
    assignee: 'Assignee',
    customer: 'Customer',
    status: 'Status',
    complete: 'Mark done',
    completeTitle: 'Record how it went',
    result: 'Result',
    note: 'Note (stored encrypted)',
    completed: 'Done',
    open: 'Open',
    overdue: 'Overdue',
    scheduled: 'Follow-up planned',
    done: 'Result recorded',
    next: 'Next follow-up: {{at}}',
    none: 'No follow-ups',
    tabs: { today: 'Due today', overdue: 'Overdue', open: 'All open', done: 'Done' },
    purposes: {
      tracking: 'Tracking',
      return_visit: 'Return visit',
      deal_progress: 'Move a deal on',
      after_sale: 'After-sales',
      other: 'Other',
    },
    results: {
      reached: 'Reached',
      no_answer: 'No answer',
      interested: 'Interested',
      not_interested: 'Not interested',
      closed: 'Closed a deal',
      other: 'Other',
    },
  },
  myDay: {
    title: 'My day',
    dueToday: 'Follow-ups due today',
    overdue: 'Overdue follow-ups',
    returning: 'Customers about to return to the pool',
    returnsOn: 'Returns to the pool on {{date}}',
    nothing: 'No follow-ups for today.',
    viewAll: 'All follow-ups',
  },
  notifications: {
    title: 'Notifications',
    bell: 'Notifications ({{count}} unread)',
    none: 'No notifications',
    markRead: 'Mark read',
    address: 'E-mail for notifications',
    addressHint:
      'Notifications are also sent here, with only the customer’s masked name and a link; leave empty for none.',
    addressSaved: 'Notification address saved',
    save: 'Save',
    kinds: {
      'follow_up.due': 'Your follow-up of {{customer}} is due ({{dueAt}})',
      'follow_up.overdue':
        'The follow-up of {{customer}} by {{assignee}} is overdue (due {{dueAt}})',
    },
  },
}
