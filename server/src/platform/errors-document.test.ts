import { describe, expect, it } from 'vitest'
import { committedDocument, markdownTable } from '../../test/generated-document.js'
import { ERRORS, FIELD_MESSAGES } from './errors.js'

/** docs/errors.md, as the error catalogue makes it (the way Fastify documents its errors). */
function renderErrorsDocument(): string {
  const errors = Object.entries(ERRORS).map(([code, e]) => [
    `\`${code}\``,
    String(e.status),
    e.zh,
    e.en,
  ])
  const fields = Object.entries(FIELD_MESSAGES).map(([key, m]) => [`\`${key}\``, m.zh, m.en])
  return `<!-- Generated from server/src/platform/errors.ts by server/src/platform/errors-document.test.ts: do not edit. -->

# Errors

Every refusal of the API answers with an HTTP status and the body
\`{ "error": { "code", "message", "fields"? } }\`. The \`code\` is stable and
is what a client tests; the \`message\` is in the caller's language
(\`Accept-Language\`: Simplified Chinese unless English is preferred) and
never carries a value the caller sent. These are all the codes, from the
one catalogue, \`server/src/platform/errors.ts\`.

${markdownTable(['code', 'HTTP status', 'zh-CN', 'en'], errors)}

## Field messages

\`fields\` maps each field found wrong to one of these messages, in the
same language.

${markdownTable(['key', 'zh-CN', 'en'], fields)}

To change a message, change the catalogue and regenerate this page:
\`UPDATE_DOCS=1 npx vitest run --project pglite server/src/platform/errors-document.test.ts\`.
`
}

describe('docs/errors.md (issue 13)', () => {
  it('is the error catalogue as it is in the code', async () => {
    const generated = renderErrorsDocument()
    const { committed, hint } = await committedDocument(
      'docs/errors.md',
      generated,
      import.meta.filename,
    )
    expect(committed === generated, hint).toBe(true)
  })
})
