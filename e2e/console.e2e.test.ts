import type { ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  embeddedEnv,
  freePort,
  runCli,
  startHealthyServer,
  stopServer,
} from '../server/test/cli-process.js'
import { CANARY, individual } from '../server/test/customer-fixtures.js'
import { STRONG_PASSWORD } from '../server/test/factories.js'
import { signInOverHttp } from '../server/test/http-session.js'

/**
 * The console in a real browser (Debian's Chromium) against the real
 * server on an embedded database. CUSTODIA_SCREENSHOTS=<dir> also saves the
 * main pages as pictures.
 */
const SHOTS = process.env.CUSTODIA_SCREENSHOTS
let dataDir: string
let server: ChildProcess
let browser: Browser
let base: string

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'custodia-e2e-'))
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  const env = embeddedEnv({
    CUSTODIA_DATA_DIR: dataDir,
    PORT: String(port),
    CUSTODIA_MFA_REQUIRED_ROLES: '',
  })
  for (const [username, role] of [
    ['wang.manager', 'manager'],
    ['li.agent', 'agent'],
    ['zhao.compliance', 'compliance'],
  ]) {
    const added = await runCli(
      [
        'user',
        'add',
        '--username',
        username as string,
        '--role',
        role as string,
        '--department',
        '零售业务部',
        '--password-stdin',
      ],
      env,
      STRONG_PASSWORD,
    )
    expect(added.code, added.stderr).toBe(0)
  }
  server = await startHealthyServer(env, port)
  const send = await signInOverHttp(port, 'wang.manager', STRONG_PASSWORD)
  expect((await send('POST', '/customers', individual())).status).toBe(201)
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
  if (SHOTS) await mkdir(SHOTS, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  if (server) await stopServer(server)
  await rm(dataDir, { recursive: true, force: true })
})

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(base)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(STRONG_PASSWORD)
  await page.getByRole('button', { name: '登 录' }).click()
  await page.getByText('客户档案').first().waitFor()
}

const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`) })
}

describe('the web console (UI-1)', () => {
  it('signs in, finds a customer by mobile, reveals a field for a purpose, switches language, signs out', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await page.goto(base)
    await shot(page, 'sign-in.zh-CN')
    await signIn(page, 'wang.manager')

    await page.getByPlaceholder('手机号码').fill(CANARY.mobile)
    await page.getByRole('button', { name: '查 询' }).click()
    await page.locator('.ant-table-row', { hasText: '甄***' }).click()
    await page.getByText('6222 **** **** 0123').waitFor()
    await shot(page, 'customer.zh-CN')

    await page.getByRole('button', { name: '查看明文' }).click()
    await page.getByLabel('查询目的').click()
    await page.getByTitle('客户服务').click()
    await page.getByLabel('字段').click()
    await page.getByTitle('证件号码').click()
    // Close the open list before reaching for the dialog's button.
    await page.locator('.ant-modal-title').click()
    await page.getByRole('button', { name: '确认查看' }).click()
    await page.getByText(CANARY.idNumber).waitFor()
    await shot(page, 'reveal.zh-CN')
    await page.keyboard.press('Escape')

    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('button', { name: 'Reveal' }).waitFor()
    await shot(page, 'customer.en')
    await page.getByRole('button', { name: 'Back to the list' }).click()
    await page.locator('.ant-table-row', { hasText: '甄***' }).waitFor()
    await shot(page, 'customers.en')
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    await shot(page, 'sign-in.en')
    await page.close()
  })

  it('creates a customer: an invalid ID number is marked on its field, a valid one is saved (CUS-2)', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await signIn(page, 'wang.manager')
    await page.getByRole('button', { name: '新建客户' }).click()
    await page.getByLabel('姓名/名称').fill('钱多多')
    await page.getByLabel('证件号码').fill('440304199003071231')
    await page.getByLabel('手机号码').fill('13600001111')
    await page.getByRole('button', { name: '保 存' }).click()
    await page.getByText('身份证号码不正确').waitFor()
    await shot(page, 'create.zh-CN')
    await page.getByLabel('证件号码').fill('110101200001017773')
    await page.getByRole('button', { name: '保 存' }).click()
    await page.getByText('110101********7773').waitFor()
    await page.close()
  })

  it('shows a reveal in the customer’s access record (AUD-4)', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await signIn(page, 'zhao.compliance')
    await page.locator('.ant-table-row', { hasText: '甄***' }).click()
    await page.getByRole('button', { name: '查看明文' }).click()
    await page.getByLabel('查询目的').click()
    await page.getByTitle('履行法定义务').click()
    await page.locator('.ant-modal-title').click()
    await page.getByRole('button', { name: '确认查看' }).click()
    await page.getByText('秒后自动隐藏').waitFor()
    await page.keyboard.press('Escape')
    const revealed = page
      .locator('tr', { hasText: 'customer.revealed' })
      .filter({ hasText: 'legal' })
    await revealed.first().waitFor()
    await shot(page, 'access-record.zh-CN')
    await page.close()
  })

  it('brings back sign-in when the session ends, then returns to the same page (ACC-4)', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await signIn(page, 'wang.manager')
    await page.locator('.ant-table-row', { hasText: '甄***' }).click()
    await page.getByText('6222 **** **** 0123').waitFor()
    await page.context().clearCookies()
    await page.getByRole('button', { name: '返回列表' }).click()
    await page.getByLabel('用户名').fill('wang.manager')
    await page.getByLabel('密码').fill(STRONG_PASSWORD)
    await page.getByRole('button', { name: '登 录' }).click()
    await page.locator('.ant-table-row', { hasText: '甄***' }).waitFor()
    expect(page.url()).toBe(`${base}/customers`)
    await page.close()
  })

  it('offers an agent no way to reveal a bank card', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await page.goto(base)
    await page.evaluate(() => localStorage.setItem('custodia.language', 'zh-CN'))
    await signIn(page, 'li.agent')
    await page.locator('.ant-table-row', { hasText: '甄***' }).click()
    await page.getByText('6222 **** **** 0123').waitFor()
    await page.getByRole('button', { name: '查看明文' }).click()
    await page.getByLabel('字段').click()
    const options = await page.locator('.ant-select-item-option').allTextContents()
    expect(options).toContain('证件号码')
    expect(options).not.toContain('银行卡号')
    await page.close()
  })
})
