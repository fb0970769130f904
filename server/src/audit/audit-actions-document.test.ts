import { describe, expect, it } from 'vitest'
import { committedDocument, markdownTable } from '../../test/generated-document.js'
import { AUDIT_ACTIONS, AUDIT_REASONS } from './audit-actions.js'

/** docs/audit-actions.md, as the audit vocabulary makes it. */
function renderAuditActionsDocument(): string {
  const actions = Object.entries(AUDIT_ACTIONS).map(([action, meaning]) => [
    `\`${action}\``,
    meaning,
  ])
  const reasons = Object.entries(AUDIT_REASONS).map(([reason, meaning]) => [
    `\`${reason}\``,
    meaning,
  ])
  return `<!-- Generated from server/src/audit/audit-actions.ts by server/src/audit/audit-actions-document.test.ts: do not edit. -->

# Audit actions

Every event on the audit trail is recorded under one of these actions
(its \`action\`, in exports and in the \`action\` filter of
\`GET /api/v1/audit/events\`; the format is in [audit-format.md](audit-format.md)).
A refusal is recorded under the action that was attempted, with outcome
\`denied\` and a reason from the second table. The list is the server's one
vocabulary, \`server/src/audit/audit-actions.ts\`: the server records no
other name, the alert rules watch only these, and the console shows each
with a label in Chinese and English.

${markdownTable(['action', 'meaning'], actions)}

## Reasons

${markdownTable(['reason', 'meaning'], reasons)}

To add an action or a reason, add it to the vocabulary with its meaning,
label it in \`web/src/i18n\`, and regenerate this page:
\`UPDATE_DOCS=1 npx vitest run --project pglite server/src/audit/audit-actions-document.test.ts\`.
`
}

describe('docs/audit-actions.md (AUD-1, issue 13)', () => {
  it('is the audit vocabulary as it is in the code', async () => {
    const generated = renderAuditActionsDocument()
    const { committed, hint } = await committedDocument(
      'docs/audit-actions.md',
      generated,
      import.meta.filename,
    )
    expect(committed === generated, hint).toBe(true)
  })
})
