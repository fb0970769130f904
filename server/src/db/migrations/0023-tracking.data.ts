/**
 * The default fields of the tracking form (客户追踪表, 篇五 (四)): what the
 * salesperson records of an A or B customer at each follow-up. The company
 * changes them in the console (settings.manage); a value is stored under
 * its field's code.
 */
export const DEFAULT_TRACKING_FIELDS = [
  {
    code: 'intent',
    kind: 'choice',
    labelZh: '意向',
    labelEn: 'Intent',
    options: [
      { code: 'strong', labelZh: '强烈', labelEn: 'Strong' },
      { code: 'moderate', labelZh: '一般', labelEn: 'Moderate' },
      { code: 'weak', labelZh: '较弱', labelEn: 'Weak' },
    ],
  },
  { code: 'budget', kind: 'amount', labelZh: '预算', labelEn: 'Budget', options: [] },
  {
    code: 'decision_maker',
    kind: 'text',
    labelZh: '决策人',
    labelEn: 'Decision maker',
    options: [],
  },
  { code: 'objections', kind: 'text', labelZh: '异议/顾虑', labelEn: 'Objections', options: [] },
  { code: 'next_step', kind: 'text', labelZh: '下一步', labelEn: 'Next step', options: [] },
]
