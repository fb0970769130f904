import type { Shape } from '../shape.js'
import type { pool as zh } from '../zh-CN/pool.js'

export const pool: Shape<typeof zh> = {
  pool: {
    title: 'Department pool',
    hint: 'Customers without a follow-up or a deal for the set number of days return to the department’s pool, where colleagues pick them within a daily limit. The pool shows masked values only.',
    remaining: '{{remaining}} of {{limit}} picks left today',
    owned: 'Customers owned: {{owned}} of {{cap}}',
    empty: 'The pool is empty',
    name: 'Customer',
    grade: 'Grade',
    source: 'Source',
    daysInPool: 'In the pool',
    days: '{{count}} days',
    formerOwner: 'Former owner',
    none: '—',
    action: 'Action',
    pick: 'Pick',
    picked: 'Picked: the customer is yours now',
    coolingOff: 'Cool-off until {{date}}',
    limitReached: 'No picks left today',
    capReached: 'Owner cap reached',
    returning: 'My customers returning to the pool soon',
    returningHint:
      'Unless followed up or closed, these customers return to the pool on the date shown.',
    noneReturning: 'None of your customers is about to return to the pool',
    returnsAt: 'Returns on',
    daysLeft: 'Days left',
    lastActivity: 'Last activity',
    warnedAt: 'Warned',
    open: 'Open',
    rules: 'Pool rules',
    rule: '{{grade}}: back to the pool after {{after}} days without a follow-up, warned {{warn}} days before',
    defaultGrade: 'Other grades',
    limits:
      'Up to {{limit}} picks a day per person; a former owner waits {{coolOff}} days; up to {{cap}} customers owned per person.',
    off: 'Returning customers to the pool is switched off',
  },
}
