import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/**
 * Issue 14 item 1 (UI-1): a screen shows every action, field, purpose,
 * reason, outcome and object by its name in the user's language, never by
 * its internal code. Codes look like `snake_case` words (`out_of_scope`,
 * `marketing_sms`) or dotted codes (`customer.viewed`, `customers.read`,
 * `auth.*`); this finds them in what the page shows — its visible text,
 * not its attributes, so a code on hover (a `title`) is fine.
 */
const SNAKE_CASE = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g
const DOTTED_CODE = /\b[a-z][a-z0-9_]*(?:\.(?:[a-z][a-z0-9_]*|\*))+/g

/**
 * Text that looks like a code and is not one, removed before the search,
 * each for its reason:
 * - e-mail addresses (a customer's masked address, `c***@example.com`): an
 *   address is written with dots, in every language;
 * - web addresses: the same;
 * - file names with their extension (a backup archive, an export): what the
 *   file is called on disk, which the user types or finds;
 * - the abbreviations `e.g.` and `i.e.` in English copy;
 * - environment variables (`CUSTODIA_BACKUP_INTERVAL_HOURS`) are in capitals
 *   and so never match: they are what an administrator types.
 */
const NOT_CODES = [
  /[^\s@]+@[^\s@]+/g,
  /\bhttps?:\/\/\S+/g,
  /\S+\.(?:backup|csv|json|pem|log|png)\b/g,
  /\b(?:e\.g|i\.e)\./g,
]

/** The codes a text shows, with a little of the text around each, to say where. */
export function codesIn(shown: string, allowed: readonly string[] = []): string[] {
  let text = shown
  for (const pattern of NOT_CODES) text = text.replace(pattern, ' ')
  // Names the test gave its accounts (`wang.manager`): a person's sign-in name, shown as theirs.
  for (const name of allowed) text = text.replaceAll(name, ' ')
  const found: string[] = []
  for (const pattern of [SNAKE_CASE, DOTTED_CODE]) {
    for (const match of text.matchAll(pattern)) {
      const at = match.index ?? 0
      found.push(
        `${match[0]} (in “${text.slice(Math.max(0, at - 20), at + match[0].length + 20).replace(/\s+/g, ' ')}”)`,
      )
    }
  }
  return found
}

/** The codes a page shows in its visible text. */
export async function visibleCodes(page: Page, allowed: readonly string[] = []): Promise<string[]> {
  return codesIn(
    // biome-ignore lint/performance/useDomNodeTextContent: what is shown is the point; textContent would read hidden text too.
    await page.evaluate(() => document.body.innerText),
    allowed,
  )
}

/**
 * Fails when the page, once settled, shows a code. `allowed` names what this
 * test itself made that reads like one: the usernames of its accounts.
 */
export async function expectNoVisibleCodes(
  page: Page,
  where: string,
  allowed: readonly string[] = [],
): Promise<void> {
  await page.waitForLoadState('networkidle')
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' })
  expect(await visibleCodes(page, allowed), `internal codes shown on ${where}`).toEqual([])
}
