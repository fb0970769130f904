import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { AUDIT_ACTION_NAMES, AUDIT_REASON_CODES } from './audit-actions.js'

const i18nDir = path.resolve(import.meta.dirname, '../../../web/src/i18n')

/** The console's texts of one language, as i18next reads them: the language's index assembles its domain files. */
async function consoleTexts(folder: string, name: string): Promise<Record<string, unknown>> {
  const module = await import(pathToFileURL(path.join(i18nDir, folder, 'index.ts')).href)
  return module[name]
}

/** The text at an i18next key: dots walk down the nested objects. */
function textAt(texts: Record<string, unknown>, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], texts)
}

const LANGUAGES = [
  ['zh-CN', 'zh-CN', 'zhCN'],
  ['en', 'en', 'en'],
] as const

describe('the console names every audit action and reason in words (AUD-4, UI-1, issue 13)', () => {
  for (const [language, folder, name] of LANGUAGES) {
    it(`${language}: a label for each catalogued action and reason, never the code itself`, async () => {
      const texts = await consoleTexts(folder, name)
      for (const action of AUDIT_ACTION_NAMES) {
        const label = textAt(texts, `auditActions.${action}`)
        expect(typeof label === 'string' && label.trim() !== '' && label !== action, action).toBe(
          true,
        )
      }
      for (const reason of AUDIT_REASON_CODES) {
        const label = textAt(texts, `auditReasons.${reason}`)
        expect(typeof label === 'string' && label.trim() !== '' && label !== reason, reason).toBe(
          true,
        )
      }
    })

    it(`${language}: no label for an action or reason the catalogue does not have`, async () => {
      const texts = await consoleTexts(folder, name)
      const labelled = Object.entries(texts.auditActions as Record<string, object>).flatMap(
        ([domain, verbs]) => Object.keys(verbs).map((verb) => `${domain}.${verb}`),
      )
      expect(labelled.filter((a) => !(AUDIT_ACTION_NAMES as string[]).includes(a))).toEqual([])
      const reasons = Object.keys(texts.auditReasons as object)
      expect(reasons.filter((r) => !(AUDIT_REASON_CODES as string[]).includes(r))).toEqual([])
    })
  }
})
