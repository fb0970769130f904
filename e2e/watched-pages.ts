import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterEach, expect } from 'vitest'

/** Debian's Chromium: a downloaded browser build does not run on the machines this project targets. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
}

/**
 * How long a step may wait for the page: Playwright's own 30 s was once
 * passed on a loaded machine by a step that was only slow. A wait this long
 * still ends a step that would never succeed.
 */
const STEP_PATIENCE_MS = 180_000

/**
 * Pages and contexts for the tests of one file (call once, at its top). Every
 * page they open fails its test on an uncaught error or an unhandled promise
 * rejection in the page, whatever the steps asserted. The browser is set to
 * Chinese, as the users' are, unless a test says otherwise.
 */
export function watchedPages(browser: () => Browser) {
  const pageErrors: string[] = []
  const watch = (page: Page) =>
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`))
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([])
  })
  return {
    async newPage(options: Parameters<Browser['newPage']>[0]): Promise<Page> {
      const page = await browser().newPage({ locale: 'zh-CN', ...options })
      page.setDefaultTimeout(STEP_PATIENCE_MS)
      watch(page)
      return page
    },
    async newContext(options: Parameters<Browser['newContext']>[0]): Promise<BrowserContext> {
      const context = await browser().newContext({ locale: 'zh-CN', ...options })
      context.setDefaultTimeout(STEP_PATIENCE_MS)
      context.on('page', watch)
      return context
    },
  }
}
