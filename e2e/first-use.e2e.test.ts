import type { ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addAccountByCommand,
  embeddedEnv,
  freePort,
  setUpDataDir,
  startHealthyServer,
  stopServer,
} from '../server/test/cli-process.js'
import { CANARY, individual } from '../server/test/customer-fixtures.js'
import { privacyNotice, STRONG_PASSWORD } from '../server/test/factories.js'
import { type HttpSession, signInOverHttp } from '../server/test/http-session.js'
import { launchChromium, watchedPages } from './watched-pages.js'

/**
 * What a new user meets in the console (issue 14): a fresh installation's
 * empty lists, actions shown disabled with the role that may take them, the
 * search kept in the address, a request read once per opening, the date
 * pickers in the console's language, the main pages at laptop and desktop
 * sizes. Its own server, so the first test sees an installation with no
 * customer. CUSTODIA_SCREENSHOTS=<dir> also saves the pages at both sizes.
 */
const SHOTS = process.env.CUSTODIA_SCREENSHOTS
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
]
const LAPTOP = SIZES[0]
let dataDir: string
let server: ChildProcess
let browser: Browser
let base: string
let port: number
let customerId = ''

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'custodia-e2e-first-use-'))
  port = await freePort()
  base = `http://127.0.0.1:${port}`
  const env = embeddedEnv({
    CUSTODIA_DATA_DIR: dataDir,
    PORT: String(port),
    CUSTODIA_SIGNIN_RATE_LIMIT: '1000',
    CUSTODIA_MFA_REQUIRED_ROLES: 'secadmin',
  })
  await setUpDataDir(env)
  for (const [username, role] of [
    ['wang.manager', 'manager'],
    ['zheng.manager', 'manager'],
    ['zhao.compliance', 'compliance'],
    ['wu.auditor', 'auditor'],
  ] as const) {
    await addAccountByCommand(env, { username, role, department: '零售业务部' })
  }
  server = await startHealthyServer(env, port)
  browser = await launchChromium()
  if (SHOTS) await mkdir(SHOTS, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  if (server) await stopServer(server)
  await rm(dataDir, { recursive: true, force: true })
})

const { newPage } = watchedPages(() => browser)

const WORDS = {
  'zh-CN': { username: '用户名', password: '密码', signIn: '登录', signOut: '退出登录' },
  en: { username: 'Username', password: 'Password', signIn: 'Sign in', signOut: 'Sign out' },
}
/** Signs in on the sign-in page the address shows (in the browser's language), which then opens the address. */
async function signIn(
  page: Page,
  username: string,
  at = '/customers',
  language: keyof typeof WORDS = 'zh-CN',
): Promise<void> {
  const words = WORDS[language]
  await page.goto(`${base}${at}`)
  await page.getByLabel(words.username).fill(username)
  await page.getByLabel(words.password).fill(STRONG_PASSWORD)
  await page.getByRole('button', { name: words.signIn }).click()
  await page.getByRole('button', { name: words.signOut }).waitFor()
}

const shot = async (page: Page, name: string) => {
  if (!SHOTS) return
  await page.waitForLoadState('networkidle')
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' })
  await page.waitForTimeout(400)
  const { width } = page.viewportSize() ?? { width: 0 }
  await page.screenshot({ path: path.join(SHOTS, `${name}.${width}.png`) })
}

/** How many events of an action the trail holds, as an auditor reads them through the API. */
async function eventsOf(action: string): Promise<number> {
  const auditor: HttpSession = await signInOverHttp(port, 'wu.auditor', STRONG_PASSWORD)
  const found = await auditor('GET', `/audit/events?action=${action}&limit=500`)
  expect(found.status).toBe(200)
  return (found.json.items as unknown[]).length
}

/** How many lines an element's text takes, and whether it spills out of its box. */
const lines = (element: Element) => {
  const style = getComputedStyle(element)
  const text =
    element.clientHeight -
    Number.parseFloat(style.paddingTop) -
    Number.parseFloat(style.paddingBottom)
  return {
    lines: Math.round(text / Number.parseFloat(style.lineHeight)),
    overflow: element.scrollWidth > element.clientWidth,
  }
}

/**
 * Hovers and expects the tooltip to say `expected`. A tooltip opened again
 * after the language changed shows the words it closed with for a frame, so
 * the text is polled until it settles rather than read once.
 */
async function expectTooltip(
  page: Page,
  hovered: ReturnType<Page['locator']>,
  expected: string,
): Promise<void> {
  await hovered.hover()
  const tip = page.getByRole('tooltip')
  await tip.waitFor()
  await expect.poll(() => tip.textContent(), { timeout: 30_000 }).toBe(expected)
  await page.mouse.move(0, 0)
  await tip.waitFor({ state: 'hidden' })
}

describe('the console for a new user (issue 14)', () => {
  it('says a fresh installation has no customers yet and offers to add one (UI-1)', async () => {
    const page = await newPage({ viewport: LAPTOP })
    await signIn(page, 'wang.manager')
    const empty = page.getByTestId('customers-empty')
    await empty.getByText('还没有客户').waitFor()
    expect(await page.getByText('没有找到客户').count()).toBe(0)
    await empty.getByRole('button', { name: '新建客户' }).waitFor()
    await shot(page, 'customers-none.zh-CN')
    await page.close()

    // The compliance officer may not add one: no button in the empty list, the roles that may are named.
    const english = await newPage({ viewport: LAPTOP, locale: 'en-US' })
    await signIn(english, 'zhao.compliance', '/customers', 'en')
    const none = english.getByTestId('customers-empty')
    await none.getByText('No customers yet').waitFor()
    await none.getByText('Department manager').waitFor()
    expect(await none.getByRole('button').count()).toBe(0)
    await english.close()
  })

  it('says a consent needs a published notice first, and leads whoever may publish one there (CON-1)', async () => {
    // A manager records consents but does not publish notices: the dashboard names who does.
    const page = await newPage({ viewport: LAPTOP })
    await signIn(page, 'wang.manager', '/')
    await page.getByText('尚未发布隐私告知文本').waitFor()
    await page.getByText(/请联系.*合规负责人.*发布告知文本/).waitFor()
    await shot(page, 'dashboard-no-notice.zh-CN')
    await page.close()

    // The compliance officer is led to the notices, and publishes the first version there.
    const officer = await newPage({ viewport: LAPTOP })
    await signIn(officer, 'zhao.compliance', '/')
    await officer.getByText('尚未发布隐私告知文本').waitFor()
    await officer.getByRole('button', { name: '去发布' }).click()
    await officer.waitForURL(/\/notices$/)
    const published = await signInOverHttp(port, 'zhao.compliance', STRONG_PASSWORD)
    expect((await published('POST', '/notices', privacyNotice(['marketing_sms']))).status).toBe(201)
    await officer.goto(`${base}/`)
    await officer.getByText(/您好/).waitFor()
    expect(await officer.getByText('尚未发布隐私告知文本').count()).toBe(0)
    await officer.close()
  })

  it('has a customer once one is added', async () => {
    const manager = await signInOverHttp(port, 'wang.manager', STRONG_PASSWORD)
    const created = await manager('POST', '/customers', individual())
    expect(created.status).toBe(201)
    customerId = String(created.json.id)
    // A new installation reviews every new record (CUS-4): a second manager approves it.
    expect(created.json.status).toBe('draft')
    const reviewer = await signInOverHttp(port, 'zheng.manager', STRONG_PASSWORD)
    expect((await manager('POST', `/customers/${customerId}/submit`)).status).toBe(200)
    expect((await reviewer('POST', `/customers/${customerId}/approve`)).status).toBe(200)
  })

  it('shows the steps a role may not take disabled, naming the role that may (ACC-1)', async () => {
    const page = await newPage({ viewport: LAPTOP })
    await signIn(page, 'wang.manager', `/customers/${customerId}`)
    await page.getByText('6222 **** **** 0123').waitFor()
    const hold = page.getByRole('button', { name: '法律保全' })
    expect(await hold.isDisabled()).toBe(true)
    await expectTooltip(page, hold, '需要合规负责人角色')
    await page.getByRole('tab', { name: '客户请求' }).click()
    const file = page.getByRole('button', { name: '登记请求' })
    expect(await file.isDisabled()).toBe(true)
    await page.getByText('客户请求由合规负责人登记和办理。').waitFor()
    await expectTooltip(page, file, '需要合规负责人角色')
    await shot(page, 'customer-requests-manager.zh-CN')

    await page.getByRole('button', { name: 'English' }).click()
    const fileEn = page.getByRole('button', { name: 'File a request' })
    expect(await fileEn.isDisabled()).toBe(true)
    await expectTooltip(page, fileEn, 'Needs the Compliance officer role')
    await page.getByRole('button', { name: '中文' }).click()

    // A manager records consents, so opens the notices, but publishes none.
    await page.getByRole('menuitem', { name: '告知文本' }).click()
    const publish = page.getByRole('button', { name: '发布新版本' })
    expect(await publish.isDisabled()).toBe(true)
    await expectTooltip(page, publish, '需要安全管理员或合规负责人角色')
    await page.close()

    // The auditor reads no customer; the compliance officer may edit none: 编辑 is disabled with who may.
    const compliance = await newPage({ viewport: LAPTOP })
    await signIn(compliance, 'zhao.compliance', `/customers/${customerId}`)
    const edit = compliance.getByRole('button', { name: '编辑' })
    await edit.waitFor()
    expect(await edit.isDisabled()).toBe(true)
    await expectTooltip(compliance, edit, '需要部门经理、客服或销售角色')
    await compliance.close()
  })

  it('keeps a search across a reload and back/forward, without a personal value in the address (CUS-3, CLS-5)', async () => {
    const manager = await signInOverHttp(port, 'wang.manager', STRONG_PASSWORD)
    const other = await manager('POST', '/customers', {
      kind: 'individual',
      name: '钱多多',
      mobile: '13600001111',
      grade: 'general',
    })
    expect(other.status).toBe(201)
    const page = await newPage({ viewport: LAPTOP })
    await signIn(page, 'wang.manager')
    await page.locator('.ant-table-row', { hasText: '钱**' }).waitFor()

    // A part of a mobile number: the search is exact, and the form says so before the search.
    const mobile = page.getByPlaceholder('手机号码')
    await mobile.fill(CANARY.mobile.slice(0, 7))
    await page.getByText('请输入完整的 11 位手机号码（精确查找）').waitFor()
    await page.getByRole('button', { name: '查询' }).click()
    await page.getByText('手机号码和证件号码按完整号码精确查找，请输入完整号码。').waitFor()

    await mobile.fill(CANARY.mobile)
    await page.getByRole('button', { name: '查询' }).click()
    await page.locator('.ant-table-row', { hasText: '甄***' }).waitFor()
    await page.locator('.ant-table-row', { hasText: '钱**' }).waitFor({ state: 'detached' })
    expect(page.url()).not.toContain(CANARY.mobile)
    await page.reload()
    await page.locator('.ant-table-row', { hasText: '甄***' }).waitFor()
    expect(await page.locator('.ant-table-row').count()).toBe(1)
    expect(await mobile.inputValue()).toBe(CANARY.mobile)

    // A filter is in the address; back brings the mobile search back, forward the filter.
    await mobile.fill('')
    await page.getByLabel('客户等级').click()
    await page.getByTitle('一般客户').click()
    await page.getByRole('button', { name: '查询' }).click()
    await page.waitForURL(/grade=general/)
    await page.locator('.ant-table-row', { hasText: '钱**' }).waitFor()
    await page.locator('.ant-table-row', { hasText: '甄***' }).waitFor({ state: 'detached' })
    await page.goBack()
    await page.locator('.ant-table-row', { hasText: '甄***' }).waitFor()
    expect(await mobile.inputValue()).toBe(CANARY.mobile)
    await page.goForward()
    await page.locator('.ant-table-row', { hasText: '钱**' }).waitFor()
    expect(await mobile.inputValue()).toBe('')
    await page.close()
  })

  it('reads a request once when it is opened once: one request.viewed on the trail (AUD-1, DSR-1)', async () => {
    const compliance = await signInOverHttp(port, 'zhao.compliance', STRONG_PASSWORD)
    const filed = await compliance('POST', '/requests', {
      customerId,
      type: 'access',
      channel: 'counter',
    })
    expect(filed.status).toBe(201)
    const before = await eventsOf('request.viewed')
    const page = await newPage({ viewport: LAPTOP })
    const reads: string[] = []
    page.on('request', (request) => {
      if (/\/api\/v1\/requests\/[^/?]+$/.test(request.url())) reads.push(request.url())
    })
    await signIn(page, 'zhao.compliance', '/requests')
    await page.locator('.ant-table-row', { hasText: '查阅复制' }).click()
    await page.getByText('查阅复制 · 已受理').waitFor()
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(500)
    expect(reads).toHaveLength(1)
    expect(await eventsOf('request.viewed')).toBe(before + 1)

    // Filed in the console, the new request opens on the filing's answer: no read, and
    // no request.viewed (the filing is on the trail as itself).
    reads.length = 0
    await page.goto(`${base}/customers/${customerId}`)
    await page.getByRole('tab', { name: '客户请求' }).click()
    await page.getByRole('button', { name: '登记请求' }).click()
    await page.getByLabel('请求内容').fill('客户来电要求查阅')
    await page.getByRole('button', { name: '保存' }).click()
    await page.getByText('查阅复制 · 已受理').waitFor()
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(500)
    expect(reads).toHaveLength(0)
    expect(await eventsOf('request.viewed')).toBe(before + 1)
    await page.close()
  })

  it('reads the signed count again with a verification of the trail (AUD-2)', async () => {
    const page = await newPage({ viewport: LAPTOP })
    await signIn(page, 'wu.auditor', '/audit')
    await page.getByText('已签名事件数').waitFor()
    await page.waitForLoadState('networkidle')
    const checkpointRead = page.waitForResponse((response) =>
      response.url().endsWith('/api/v1/audit/checkpoints/latest'),
    )
    await page.getByRole('button', { name: '立即校验' }).click()
    await page.getByText('校验通过').waitFor()
    await checkpointRead
    await page.close()
  })

  it("shows the date pickers in the console's language (UI-1)", async () => {
    const page = await newPage({ viewport: LAPTOP })
    await signIn(page, 'wu.auditor', '/audit')
    const weekdays = async () => {
      await page.locator('.ant-picker-range').click()
      const header = page.locator('.ant-picker-dropdown .ant-picker-content thead th')
      await header.first().waitFor()
      const days = await header.allTextContents()
      await page.keyboard.press('Escape')
      await page.locator('.ant-picker-dropdown').first().waitFor({ state: 'hidden' })
      return days.slice(0, 7)
    }
    expect(await weekdays()).toEqual(['一', '二', '三', '四', '五', '六', '日'])
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('button', { name: '中文' }).waitFor()
    expect(await weekdays()).toEqual(['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'])
    await page.getByRole('button', { name: '中文' }).click()
    await page.close()
  })

  it('names the purposes in the language switched to, without reading them again (ACC-2, UI-1)', async () => {
    const page = await newPage({ viewport: LAPTOP })
    await signIn(page, 'zhao.compliance', '/admin/purposes')
    const service = page.locator('.ant-table-row', { has: page.getByTitle('service') })
    await service.getByText('客户服务').waitFor()
    await page.getByRole('button', { name: 'English' }).click()
    await service.getByText('Customer service').waitFor()
    await service.getByText('Serving the customer: transactions and enquiries.').waitFor()
    expect(await page.locator('.ant-table-tbody').getByText('客户服务').count()).toBe(0)
    await page.getByRole('button', { name: '中文' }).click()
    await service.getByText('客户服务').waitFor()
    await page.close()
  })

  it("filters the trail by a period of the company's time zone, whatever the browser's (AUD-4)", async () => {
    // The browser in New York, the company (CUSTODIA_TIME_ZONE) in Shanghai, UTC+8 all year.
    const page = await newPage({ viewport: LAPTOP, timezoneId: 'America/New_York' })
    await signIn(page, 'wu.auditor', '/audit')
    const range = page.locator('.ant-picker-range input')
    await range.first().waitFor()
    const sent = page.waitForRequest(
      (request) =>
        request.url().includes('/api/v1/audit/events?') && request.url().includes('from='),
    )
    for (const [index, at] of [
      [0, '2026-12-01 00:00:00'],
      [1, '2026-12-01 23:59:59'],
    ] as const) {
      await range.nth(index).click()
      await range.nth(index).fill(at)
      await range.nth(index).press('Enter')
    }
    await page.getByRole('button', { name: '查询' }).click()
    const query = new URL((await sent).url()).searchParams
    expect([query.get('from'), query.get('to')]).toEqual([
      '2026-11-30T16:00:00.000Z',
      '2026-12-01T15:59:59.000Z',
    ])
    await page.close()
  })

  it('lays the main pages out at 1366 × 768 and 1920 × 1080 (UI-1)', async () => {
    for (const viewport of SIZES) {
      const page = await newPage({ viewport })
      await signIn(page, 'zhao.compliance')
      // The brand on one line, inside the side menu.
      expect(await page.getByTestId('brand').evaluate(lines)).toEqual({ lines: 1, overflow: false })
      // The search in two rows of aligned columns.
      const tops = await Promise.all(
        ['按姓名搜索', '手机号码', '证件号码'].map(
          async (placeholder) => (await page.getByPlaceholder(placeholder).boundingBox())?.y,
        ),
      )
      expect(new Set(tops).size).toBe(1)
      await shot(page, 'customers.zh-CN')

      await page.locator('.ant-table-row', { hasText: '甄***' }).click()
      // Measured once the row of buttons is whole: the re-confirmation state loads after the
      // record and widens the row, moving the buttons beside it.
      await page.getByRole('button', { name: '记录确认' }).waitFor()
      await page.waitForLoadState('networkidle')
      const hold = await page.getByRole('button', { name: '法律保全' }).boundingBox()
      const destroy = await page.getByRole('button', { name: '申请销毁' }).boundingBox()
      expect((destroy?.x ?? 0) - ((hold?.x ?? 0) + (hold?.width ?? 0))).toBeGreaterThanOrEqual(8)
      await shot(page, 'customer.zh-CN')

      await page.getByRole('tab', { name: '授权同意' }).click()
      // No consent yet: both tables of the tab say so in one style.
      const empties = page.getByRole('tabpanel').locator('.ant-empty-normal')
      await empties.nth(1).waitFor()
      expect(await empties.count()).toBe(2)
      await shot(page, 'consents-empty.zh-CN')
      await page.getByRole('button', { name: '记录同意或撤回' }).click()
      await page.locator('.ant-modal-title').waitFor()
      await shot(page, 'consent-form.zh-CN')
      // Measured together, once the dialog has stopped growing in.
      await page.waitForTimeout(500)
      const [name, relation] = await page.evaluate(() =>
        ['监护人姓名', '与客户关系'].map(
          (label) =>
            document
              .querySelector(
                `input[id$="${label === '监护人姓名' ? 'guardianName' : 'guardianRelation'}"]`,
              )
              ?.getBoundingClientRect().width,
        ),
      )
      // Equal to the pixel: the layout may round the two differently below it.
      expect(Math.abs((relation ?? 0) - (name ?? -1))).toBeLessThan(0.5)
      await page.keyboard.press('Escape')
      await page.getByRole('button', { name: 'English' }).click()
      await page.getByRole('button', { name: 'Back to the list' }).click()
      await page.locator('.ant-table-row', { hasText: '甄***' }).waitFor()
      expect(await page.getByTestId('brand').evaluate(lines)).toEqual({ lines: 1, overflow: false })
      await shot(page, 'customers.en')
      await page.getByRole('button', { name: '中文' }).click()

      // The audit trail: every header on one line (查询目的 once broke in two), the table inside its card.
      await page.goto(`${base}/audit`)
      await page.locator('.ant-table-row').first().waitFor()
      for (const header of await page.locator('.ant-table-thead th').all()) {
        expect(await header.evaluate(lines), (await header.textContent()) ?? '').toEqual({
          lines: 1,
          overflow: false,
        })
      }
      const card = await page.locator('.ant-card', { hasText: '审计日志' }).boundingBox()
      const table = await page.locator('.ant-table-thead').boundingBox()
      expect((table?.x ?? 0) + (table?.width ?? 0)).toBeLessThanOrEqual(
        (card?.x ?? 0) + (card?.width ?? 0),
      )
      await page.close()
    }
  })
})
