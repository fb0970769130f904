import type { Shape } from '../shape.js'
import type { shell as zh } from '../zh-CN/shell.js'

export const shell: Shape<typeof zh> = {
  app: {
    // Short enough for one line in the side menu (issue 14).
    name: 'Custodia customer data',
    signOut: 'Sign out',
    language: '中文',
    notFound: 'This page does not exist or is not open to you',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Ant Design's own ${label} placeholder
    required: '${label} is required',
  },
  menu: {
    backups: 'Backups',
    retention: 'Retention',
    destructions: 'Destruction approvals',
    groups: {
      work: 'Work',
      privacy: 'Privacy',
      audit: 'Security audit',
      admin: 'Administration',
      personal: 'Personal',
    },
    dashboard: 'Dashboard',
    customers: 'Customers',
    review: 'Entry review',
    entryRules: 'Entry and registration rules',
    reception: 'Reception',
    deals: 'Deals',
    followUps: 'Follow-ups',
    weeklyReview: 'Weekly review',
    confirmations: 'Re-confirmation',
    statistics: 'Visits and calls',
    pool: 'Customer pool',
    audit: 'Audit trail',
    alerts: 'Security alerts',
    accounts: 'Accounts',
    approvals: 'Approvals',
    departments: 'Departments',
    catalogue: 'Field catalogue',
    purposes: 'Purposes',
    tokens: 'API tokens',
    requests: 'Customer requests',
    notices: 'Privacy notices',
  },
  dashboard: {
    greeting: 'Hello, {{name}}',
    nothing: 'Nothing for your role to attend to.',
    recentCustomers: 'Newest customers',
    openAlerts: 'Open alerts',
    openRequests: 'Customer requests to answer',
    trail: 'Audit trail signature',
    accounts: 'Accounts',
    view: 'View',
  },
  errors: { network: 'The server cannot be reached. Try again later.' },
  permissions: { onlyRoles: 'Needs the {{roles}} role' },
}
