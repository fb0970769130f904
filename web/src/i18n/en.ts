import type { zhCN } from './zh-CN.js'

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }

export const en: Shape<typeof zhCN> = {
  app: { name: 'Custodia customer information', signOut: 'Sign out', language: '中文' },
  signIn: {
    title: 'Sign in',
    username: 'Username',
    password: 'Password',
    totp: 'Authenticator code',
    submit: 'Sign in',
    changePassword: 'First sign-in or an expired password: choose a new one',
    currentPassword: 'Current password',
    newPassword: 'New password',
    savePassword: 'Change password',
    totpEnrolment: 'Your role must use two-factor sign-in: set it up through the API docs first.',
  },
  menu: { customers: 'Customers' },
  customers: {
    title: 'Customers',
    search: 'Search by name',
    mobile: 'Mobile',
    idNumber: 'ID number',
    find: 'Search',
    reset: 'Reset',
    more: 'Load more',
    empty: 'No customers found',
    kind: { individual: 'Individual', organization: 'Organization' },
    grade: { important: 'Important', general: 'General' },
    columns: { name: 'Name', kind: 'Kind', mobile: 'Mobile', grade: 'Grade' },
    owner: 'Owner',
    created: 'Created',
    masked: 'Masked',
    reveal: 'Reveal',
    back: 'Back to the list',
  },
  reveal: {
    title: 'Reveal plain values',
    fields: 'Fields',
    purpose: 'Purpose',
    purposeRequired: 'Choose a purpose',
    submit: 'Reveal',
    hidesIn: 'Hidden again in {{seconds}} s',
    notice: 'Revealing is recorded in the audit trail with the fields and the purpose.',
  },
  errors: { network: 'The server cannot be reached. Try again later.' },
}
