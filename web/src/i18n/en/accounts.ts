import type { Shape } from '../shape.js'
import type { accounts as zh } from '../zh-CN/accounts.js'

export const accounts: Shape<typeof zh> = {
  accounts: {
    create: 'New account',
    edit: 'Edit',
    editTitle: 'Edit account: {{username}}',
    username: 'Username',
    usernameHint: '3–32 lower-case letters, digits, dots, underscores or hyphens',
    displayName: 'Name',
    roles: 'Roles',
    rolesHint: 'System administrator, security administrator and auditor are never held together',
    department: 'Department',
    state: 'State',
    active: 'Active',
    disabled: 'Disabled',
    locked: 'Locked',
    twoFactor: 'Two-factor',
    mustChangePassword: 'Must change password',
    grantPending:
      'Roles that reach customer data or the audit trail take effect once a security administrator approves; until then the account does not hold them.',
    pendingRoles: 'Waiting for approval: {{roles}}',
    twoFactorResetPending: 'Two-factor reset awaiting approval',
    passwordResetPending: 'Password reset awaiting approval',
    passwordResetRequested:
      'Password reset requested: this account reads customer data or the audit trail, or authorises access, so another authorised person must approve it. Until then the current password keeps working and the two-factor enrolment stays.',
    firstPartTitle: 'First part of the one-time password; the approver provides the other part',
    secondPartTitle: 'Second part of the one-time password; the requester provides the other part',
    splitPasswordHint:
      'So that no single administrator knows the whole password, the one-time password is split in two: the requester and the approver each hand their part to the holder in person or over a secure channel, and each part is shown only once. To sign in, type the first part immediately followed by the second, nothing in between (the spaces between groups are not typed). This part opens nothing before approval; the password must be changed at first sign-in.',
    twoFactorResetRequested:
      'Two-factor reset requested: this account reaches customer data, the audit trail or authorises access, so it takes effect once a second authorised person approves; until then the current authenticator stays.',
    ownRolesHint: 'You cannot change your own roles; another administrator must',
    chosenPasswordHint: 'This password must be changed at first sign-in.',
    more: 'More',
    disable: 'Disable',
    enable: 'Enable',
    resetPassword: 'Reset password',
    resetTwoFactor: 'Reset two-factor',
    done: 'Done',
    oneTimePasswordTitle: 'One-time password for {{username}}',
    oneTimePasswordHint:
      'Shown only now: hand it over in person or over a secure channel; it must be changed at first sign-in.',
    confirm: {
      disable: 'Disable {{username}}? Their sessions end at once.',
      enable: 'Enable {{username}}?',
      'password-reset':
        'Reset the password of {{username}}? A one-time password is made and their sessions end.',
      'two-factor-reset':
        'Reset two-factor for {{username}}? They set it up again at next sign-in.',
    },
  },
  roleNames: {
    sysadmin: 'System administrator',
    secadmin: 'Security administrator',
    auditor: 'Auditor',
    compliance: 'Compliance officer',
    manager: 'Department manager',
    agent: 'Customer-service agent',
    sales: 'Sales',
    complaints: 'Complaint handler',
  },
}
