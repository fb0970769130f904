import type { ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
import {
  addAccountByCommand,
  embeddedEnv,
  freePort,
  setUpPreparedDataDir,
  startHealthyServer,
  stopServer,
} from '../server/test/cli-process.js'
import { individual } from '../server/test/customer-fixtures.js'
import { privacyNotice, STRONG_PASSWORD } from '../server/test/factories.js'
import { signInOverHttp } from '../server/test/http-session.js'
import { launchChromium, watchedPages } from './watched-pages.js'

/**
 * The console in a real browser (Debian's Chromium) against the real
 * server on an embedded database, for the tests of one file: each file that
 * calls it (once, at its top) gets its own server, data directory, accounts
 * and browser, so that the files run side by side.
 * CUSTODIA_SCREENSHOTS=<dir> also saves the main pages as pictures.
 */
export const SHOTS = process.env.CUSTODIA_SCREENSHOTS

/** The consent-based purposes of a new installation. */
const CONSENT_PURPOSES = [
  'marketing',
  'marketing_sms',
  'marketing_email',
  'marketing_phone',
  'sensitive_processing',
  'third_party',
  'public_disclosure',
  'cross_border',
]

/** The accounts' usernames, which read like dotted codes and are names (visible-codes.ts). */
export const USERNAMES = [
  'wang.manager',
  'zheng.manager',
  'li.agent',
  'zhao.compliance',
  'sun.admin',
  'zhou.secadmin',
  'wu.auditor',
  'chen.agent',
  'qian.sales',
  'zhang.sales',
  'liu.sales',
  'he.manager',
]

/** The console's accounts, added with `custodia user add` as an operator would. */
async function addConsoleAccounts(env: NodeJS.ProcessEnv): Promise<void> {
  for (const [username, role] of [
    ['wang.manager', 'manager'],
    ['zheng.manager', 'manager'],
    ['li.agent', 'agent'],
    ['zhao.compliance', 'compliance'],
    ['sun.admin', 'sysadmin'],
    ['zhou.secadmin', 'secadmin'],
    ['wu.auditor', 'auditor'],
  ] as const) {
    await addAccountByCommand(env, { username, role, department: '零售业务部' })
  }
  // 销售一部's own desk for the walk-through of issue 16: two salespeople and their reviewer.
  for (const [username, displayName, role] of [
    ['zhang.sales', '张晓', 'sales'],
    ['liu.sales', '刘洋', 'sales'],
    ['he.manager', '何经理', 'manager'],
  ] as const) {
    await addAccountByCommand(env, { username, displayName, role, department: '销售一部' })
  }
  await addAccountByCommand(env, {
    username: 'chen.agent',
    displayName: '陈对公',
    role: 'agent',
    department: '对公业务部',
  })
}

export function useConsole() {
  const state: { base: string; browser: Browser | undefined } = { base: '', browser: undefined }
  let dataDir: string
  let server: ChildProcess | undefined

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'custodia-e2e-'))
    const port = await freePort()
    state.base = `http://127.0.0.1:${port}`
    const env = embeddedEnv({
      CUSTODIA_DATA_DIR: dataDir,
      PORT: String(port),
      // Every test signs in from the same address, dozens of times a minute.
      CUSTODIA_SIGNIN_RATE_LIMIT: '1000',
      // Only secadmin enrols two-factor here, so that one test walks through it.
      CUSTODIA_MFA_REQUIRED_ROLES: 'secadmin',
    })
    // The accounts are added by the first file that calls this; the others start from a copy.
    await setUpPreparedDataDir(env, 'console-accounts', addConsoleAccounts)
    server = await startHealthyServer(env, port, { longLived: true })
    // Consents rest on a published privacy notice (CON-1); a fresh installation's warning is first-use's.
    const officer = await signInOverHttp(port, 'zhao.compliance', STRONG_PASSWORD)
    expect((await officer('POST', '/notices', privacyNotice(CONSENT_PURPOSES))).status).toBe(201)
    const send = await signInOverHttp(port, 'wang.manager', STRONG_PASSWORD)
    const created = await send('POST', '/customers', individual())
    expect(created.status).toBe(201)
    // Every new record is reviewed (CUS-4): a second manager approves it, and it is the department's.
    const reviewer = await signInOverHttp(port, 'zheng.manager', STRONG_PASSWORD)
    expect((await send('POST', `/customers/${String(created.json.id)}/submit`)).status).toBe(200)
    expect((await reviewer('POST', `/customers/${String(created.json.id)}/approve`)).status).toBe(
      200,
    )
    // An agent of another department reaching for the customer sets off an out-of-scope alert (AUD-3).
    const outsider = await signInOverHttp(port, 'chen.agent', STRONG_PASSWORD)
    expect((await outsider('GET', `/customers/${String(created.json.id)}`)).status).toBe(404)
    state.browser = await launchChromium()
    if (SHOTS) await mkdir(SHOTS, { recursive: true })
  })

  afterAll(async () => {
    await state.browser?.close()
    if (server) await stopServer(server)
    await rm(dataDir, { recursive: true, force: true })
  })

  const { newPage, newContext } = watchedPages(() => state.browser as Browser)

  /**
   * Picks an option of the select labelled `label` inside `within` as a user
   * does — typing to find it, or opening the list — and makes sure it took:
   * on a loaded CI machine a click on an option while the list was still
   * opening left the select unchosen. Tried again, a few times, until the
   * select shows the option.
   */
  async function chooseOption(
    page: Page,
    within: Page | Locator,
    label: string,
    option: string,
    how: 'type' | 'open' = 'type',
  ): Promise<void> {
    const field = within.getByLabel(label, { exact: true })
    // The select's own box (the list opens elsewhere) names what is chosen; what is typed is not
    // its text. The box is found by the field inside it, asked relative to the box.
    const chosen = within.locator('.ant-select', {
      has: page.getByLabel(label, { exact: true }),
      hasText: option,
    })
    for (let attempt = 0; attempt < 5; attempt += 1) {
      if (how === 'type') await field.fill(option)
      else await field.click()
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
        .first()
        .click()
      const took = await chosen
        .waitFor({ timeout: 10_000 })
        .then(() => true)
        .catch(() => false)
      if (took) return
    }
    throw new Error(`${option} could not be chosen in ${label}`)
  }

  /** Picks the reveal's purpose (查询目的) by its name. */
  const choosePurpose = (page: Page, name: string) => chooseOption(page, page, '查询目的', name)

  async function signIn(page: Page, username: string, at = '/customers'): Promise<void> {
    await page.goto(`${state.base}${at}`)
    await page.getByLabel('用户名').fill(username)
    await page.getByLabel('密码').fill(STRONG_PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await page.getByRole('button', { name: '退出登录' }).waitFor()
  }

  /** A picture once the page has settled: no request in flight, no spinner, no fading. */
  const shot = async (page: Page, name: string) => {
    if (!SHOTS) return
    await page.waitForLoadState('networkidle')
    await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' })
    await page.waitForTimeout(400)
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) })
  }

  return {
    /** The server's address, once it runs. */
    get base() {
      return state.base
    },
    get port() {
      return Number(new URL(state.base).port)
    },
    newPage,
    newContext,
    signIn,
    chooseOption,
    choosePurpose,
    shot,
  }
}
