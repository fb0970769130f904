import type { Shape } from '../shape.js'
import type { session as zh } from '../zh-CN/session.js'

export const session: Shape<typeof zh> = {
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
    confirmPassword: 'Confirm the new password',
    passwordMismatch: 'The two new passwords differ',
    totpPrompt:
      'This account uses two-factor authentication: enter the 6-digit code from your authenticator app.',
    passwordRules: {
      title: 'The new password must have:',
      length: '12 to 256 characters',
      classes: 'three of: upper case, lower case, digits, symbols',
      username: 'no part that is the username',
      guessable: 'nothing common or easy to guess (checked when you save)',
    },
  },
  totp: {
    intro:
      'Your role signs in with two factors: scan the code with an authenticator app (or type the key), then enter the code it shows.',
    key: 'Key',
    confirm: 'Finish set-up',
  },
}
