import type { Shape } from '../shape.js'
import type { tokens as zh } from '../zh-CN/tokens.js'

export const tokens: Shape<typeof zh> = {
  tokens: {
    create: 'New token',
    empty: 'No API tokens',
    name: 'Name',
    scopes: 'Scopes',
    scopesHint: 'Only permissions you hold yourself',
    createdAt: 'Created',
    expiresAt: 'Expires',
    lastUsedAt: 'Last used',
    expiresInDays: 'Valid for (days)',
    revoked: 'Revoked',
    revoke: 'Revoke',
    confirmRevoke: 'Revoke {{name}}? Programs using it lose access at once.',
    shownOnce: 'The token is shown only now: keep it safe',
    expiresInDaysHint: 'The token stops working when it expires; at most {{max}} days',
    days: '{{count}} days',
    totp: 'Authenticator code',
    totpHint:
      'Your role must use two-factor authentication: enter the current 6-digit code from your authenticator; the token lasts at most 30 days.',
    expired: 'Expired',
    neverUsed: 'Never used',
  },
}
