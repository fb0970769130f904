import { describe, expect, it } from 'vitest'
import { STRONG_PASSWORD } from '../server/test/factories.js'
import { signInOverHttp } from '../server/test/http-session.js'
import { USERNAMES, useConsole } from './console-fixture.js'
import { expectNoVisibleCodes } from './visible-codes.js'

/**
 * The daily work in a real browser (issues 16 and 17): reception, deals,
 * the pool, follow-ups and My day, the weekly review, the statistics,
 * tracking forms and daily reports, feedback, the walk-through of a walk-in
 * to a split deal — and, with their data in place, every screen of each
 * role in both languages. On a server of its own, beside console.e2e.test.ts.
 */
const c = useConsole()
const { newPage, newContext, signIn, chooseOption, choosePurpose, shot } = c

describe('the daily work in the console (UI-1, issues 16 and 17)', () => {
  it('checks in at the reception desk, registers a walk-in given to the next in turn, finishes the visit and logs a call (issue 16, 接待管理)', async () => {
    const page = await newPage({ viewport: { width: 1366, height: 900 } })
    await signIn(page, 'wang.manager', '/reception')
    await page.getByRole('button', { name: '签到接待' }).click()
    await page.getByRole('button', { name: '因公外出' }).waitFor()
    // A colleague checks in after: the manager is next, the colleague stands by.
    const agent = await signInOverHttp(Number(new URL(c.base).port), 'li.agent', STRONG_PASSWORD)
    expect((await agent('POST', '/reception/check-in')).status).toBe(200)
    await page.reload()
    await page.getByText('准备接待：').waitFor()
    await expect
      .poll(() => page.locator('.ant-tag', { hasText: 'li.agent' }).count(), { timeout: 30_000 })
      .toBeGreaterThan(0)

    await page.getByRole('button', { name: '登记来访' }).click()
    await page.getByRole('dialog').getByRole('button', { name: '登记来访' }).click()
    await page.getByText('已分配给 wang.manager（按轮值）').waitFor()
    const row = page.locator('.ant-table-row', { hasText: '按轮值' })
    await row.waitFor()
    await row.getByLabel('结束接待').click()
    await page.locator('.ant-select-item-option', { hasText: '有意向' }).click()
    await page.locator('.ant-table-row', { hasText: '有意向' }).waitFor()

    // A call on the call register (来电登记表), channel by default the phone.
    await page.getByRole('button', { name: '登记来电' }).click()
    const dialog = page.getByRole('dialog')
    await chooseOption(page, dialog, '来电结果', '约定来访', 'open')
    await dialog.getByRole('button', { name: '登记来电' }).click()
    await page.locator('.ant-table-row', { hasText: '约定来访' }).waitFor()
    expect(await page.locator('.ant-table-row', { hasText: '电话' }).count()).toBe(1)
    await expectNoVisibleCodes(page, '/reception (zh-CN)', USERNAMES)
    await shot(page, 'reception-desk.zh-CN')
    await page.close()
  })

  it('records a deal on the deals board and shows its credit split in words (issue 16, 成交管理)', async () => {
    const send = await signInOverHttp(Number(new URL(c.base).port), 'wang.manager', STRONG_PASSWORD)
    const customer = await send('POST', '/customers', { kind: 'individual', name: '柏成交' })
    expect(customer.status).toBe(201)
    // An active customer (CUS-4): submitted, and approved by a second manager.
    const port = Number(new URL(c.base).port)
    const reviewer = await signInOverHttp(port, 'zheng.manager', STRONG_PASSWORD)
    const id = String(customer.json.id)
    expect((await send('POST', `/customers/${id}/submit`)).status).toBe(200)
    expect((await reviewer('POST', `/customers/${id}/approve`)).status).toBe(200)
    const page = await newPage({ viewport: { width: 1366, height: 900 } })
    await signIn(page, 'wang.manager', '/deals')
    await page.getByRole('button', { name: '登记成交' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('客户').fill('柏成交')
    await page.locator('.ant-select-item-option', { hasText: '柏' }).click()
    await chooseOption(page, dialog, '阶段', '签约', 'open')
    await dialog.getByLabel('成交金额（元）').fill('1280000')
    await dialog.getByLabel('产品（楼栋房号、车位等）').fill('3 号楼 1201 室')
    await dialog.getByRole('button', { name: '登记成交' }).click()
    await page.getByText('已登记成交').waitFor()
    // The signed deal on the board: its split fixed, who and which share, the rule in words.
    const card = page.locator('.deal-card', { hasText: '3 号楼 1201 室' })
    await card.waitFor()
    await card.getByText('签约时确定').waitFor()
    await card.getByText('wang.manager（成交人）100%').waitFor()
    await card.getByText('本人建档的客户（或无人建档），业绩全归成交人').waitFor()
    await card.getByText('1280000.00').waitFor()
    // On to 交款 (paid): the split stays as it was fixed.
    await card.getByRole('button', { name: '变更阶段' }).click()
    // Chosen until the box shows it: a loaded machine once left the list open over the button.
    await chooseOption(page, page.getByRole('dialog'), '改为', '交款', 'open')
    await page.getByRole('dialog').getByRole('button', { name: '变更阶段' }).click()
    await page.getByText('已变更为“交款”').waitFor()
    await page.locator('[data-stage="paid"] .deal-card', { hasText: '3 号楼 1201 室' }).waitFor()
    await page.getByRole('tab', { name: '小定单登记表' }).click()
    await page.getByText('登记表中暂无记录').waitFor()
    await expectNoVisibleCodes(page, '/deals (zh-CN)', USERNAMES)
    await shot(page, 'deals-board.zh-CN')
    await page.close()
  })

  it('picks a customer from the department’s pool, shown masked, within today’s limit (issue 16, 公海)', async () => {
    // An agent enters a customer, the manager approves it (CUS-4), the agent gives it up
    // to the pool (放弃客户), and the manager picks it from there.
    const port = Number(new URL(c.base).port)
    const agent = await signInOverHttp(port, 'li.agent', STRONG_PASSWORD)
    const manager = await signInOverHttp(port, 'wang.manager', STRONG_PASSWORD)
    const customer = await agent('POST', '/customers', { kind: 'individual', name: '鲍公海' })
    expect(customer.status).toBe(201)
    const id = String(customer.json.id)
    if (customer.json.status === 'draft') {
      expect((await agent('POST', `/customers/${id}/submit`, {})).status).toBe(200)
      expect((await manager('POST', `/customers/${id}/approve`, {})).status).toBe(200)
    }
    const released = await agent('POST', `/pool/${id}/release`, {})
    expect(released.status, JSON.stringify(released.json)).toBe(200)
    const page = await newPage({ viewport: { width: 1366, height: 900 } })
    await signIn(page, 'wang.manager', '/pool')
    await page.getByText('本部门公海').waitFor()
    const row = page.locator('.ant-table-row', { hasText: '鲍' })
    await row.waitFor()
    // Masked, with its former owner: the plain name never reaches the page.
    expect(await page.getByText('鲍公海').count()).toBe(0)
    await row.getByText('li.agent').waitFor()
    await page.getByText('今日还可领取 5 / 5 个').waitFor()
    await expectNoVisibleCodes(page, '/pool (zh-CN)', USERNAMES)
    await shot(page, 'pool.zh-CN')
    await row.getByRole('button', { name: '领取' }).click()
    await page.getByText('已领取，该客户现归属于您').waitFor()
    await page.getByText('今日还可领取 4 / 5 个').waitFor()
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(0)
    const picked = await manager('GET', `/customers/${id}`)
    expect(picked.json.owner).toMatchObject({ name: 'wang.manager' })
    await page.close()
  })

  it('plans a follow-up from the customer page, finds it in My day and marks it done with a result (issue 17, 跟踪 / 回访)', async () => {
    const port = Number(new URL(c.base).port)
    const agent = await signInOverHttp(port, 'li.agent', STRONG_PASSWORD)
    const manager = await signInOverHttp(port, 'wang.manager', STRONG_PASSWORD)
    const customer = await agent('POST', '/customers', {
      kind: 'individual',
      name: '鲍回访',
      trackingLevel: 'A',
    })
    expect(customer.status).toBe(201)
    const id = String(customer.json.id)
    if (customer.json.status === 'draft') {
      expect((await agent('POST', `/customers/${id}/submit`, {})).status).toBe(200)
      expect((await manager('POST', `/customers/${id}/approve`, {})).status).toBe(200)
    }
    const page = await newPage({ viewport: { width: 1366, height: 900 } })
    await signIn(page, 'wang.manager', `/customers/${id}`)
    await page.getByRole('button', { name: '安排跟进' }).click()
    const planDialog = page.getByRole('dialog')
    await planDialog.getByText('为该客户安排跟进').waitFor()
    await planDialog.getByRole('button', { name: '安排跟进' }).click()
    await page.getByText('已安排跟进').waitFor()

    await page.goto(`${c.base}/`)
    const myDay = page.getByTestId('my-day')
    await myDay.getByText('我的今日').waitFor()
    const row = myDay.locator('.ant-table-row', { hasText: '鲍' })
    await row.waitFor()
    // Masked: the plain name never reaches the page.
    expect(await page.getByText('鲍回访').count()).toBe(0)
    await expectNoVisibleCodes(page, 'My day (zh-CN)', USERNAMES)
    await shot(page, 'my-day.zh-CN')
    await row.getByRole('button', { name: '完成跟进' }).click()
    const doneDialog = page.getByRole('dialog')
    await doneDialog.getByText('记录跟进结果').waitFor()
    await doneDialog.getByLabel('补充说明（加密保存）').fill('客户下周来看样板间')
    await doneDialog.getByRole('button', { name: '完成跟进' }).click()
    // A customer of level A: the next one is planned by the level's period.
    await page.getByText(/已记录跟进结果 · 下次跟进/).waitFor()
    const done = await manager('GET', `/follow-ups?customerId=${id}&status=done`)
    expect(done.json.items).toMatchObject([{ result: 'reached', note: '客户下周来看样板间' }])
    await page.close()
  })

  it('reviews the week of important customers and plans next week’s follow-ups (issue 17, 梳理)', async () => {
    const port = Number(new URL(c.base).port)
    const agent = await signInOverHttp(port, 'li.agent', STRONG_PASSWORD)
    const manager = await signInOverHttp(port, 'wang.manager', STRONG_PASSWORD)
    const customer = await agent('POST', '/customers', {
      kind: 'individual',
      name: '籍梳理',
      grade: 'important',
      trackingLevel: 'B',
    })
    expect(customer.status).toBe(201)
    const id = String(customer.json.id)
    if (customer.json.status === 'draft') {
      expect((await agent('POST', `/customers/${id}/submit`, {})).status).toBe(200)
      expect((await manager('POST', `/customers/${id}/approve`, {})).status).toBe(200)
    }
    const page = await newPage({ viewport: { width: 1366, height: 1000 } })
    await signIn(page, 'wang.manager', '/weekly-review')
    await page.getByText('每周梳理', { exact: true }).first().waitFor()
    const newThisWeek = page.getByTestId('section-new')
    await newThisWeek.locator('.ant-table-row', { hasText: '籍' }).waitFor()
    // Masked: the plain name never reaches the page.
    expect(await page.getByText('籍梳理').count()).toBe(0)

    // Next week's plan: one item, the customer chosen from the week's, Monday, a return visit.
    const plan = page.getByTestId('review-plan')
    await plan.getByRole('button', { name: '添加一项' }).click()
    await chooseOption(page, plan, '客户', '籍', 'open')
    await chooseOption(page, plan, '跟进目的', '回访', 'open')
    await plan.getByLabel('备注（加密保存）').fill('确认新的联系地址')
    await plan.getByRole('button', { name: '记录本周梳理' }).click()
    await page.getByText('本周梳理已记录，下周计划已生成跟进。').waitFor()
    const items = page.getByTestId('review-items')
    await items.locator('.ant-table-row', { hasText: '籍' }).waitFor()
    await page.getByTestId('review-recorded').waitFor()
    await expectNoVisibleCodes(page, 'the weekly review (zh-CN)', USERNAMES)
    await shot(page, 'weekly-review.zh-CN')

    // The plan item is a follow-up of the customer's own salesperson, due next week.
    const planned = await agent('GET', `/follow-ups?customerId=${id}&status=open`)
    expect(planned.json.items).toMatchObject([{ purpose: 'return_visit', status: 'open' }])
    // Recorded once: the same week again is refused.
    const week = await manager('GET', '/weekly-review?grade=important')
    const again = await manager('POST', '/weekly-review', {
      week: week.json.week,
      grade: 'important',
      items: [],
    })
    expect(again.status).toBe(409)

    // The customer's page: the record's confirmation state, and a re-confirmation by field names (DQ-2).
    await page.goto(`${c.base}/customers/${id}`)
    const state = page.getByTestId('reconfirmation-state')
    await state.getByText(/建档后未确认/).waitFor()
    await page.getByRole('button', { name: '记录确认' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('确认的项目').click()
    await page.locator('.ant-select-item-option', { hasText: '姓名/名称' }).first().click()
    // Chosen before the list closes: a loaded machine once closed it first, and nothing was chosen.
    await dialog.locator('.ant-select-selection-item', { hasText: '姓名/名称' }).waitFor()
    await page.keyboard.press('Escape')
    await dialog.getByRole('button', { name: '记录确认' }).click()
    await page.getByText('已记录确认。').waitFor()
    await state.getByText(/最近确认/).waitFor()
    const confirmations = await agent('GET', `/customers/${id}/confirmations`)
    expect(confirmations.json).toMatchObject({ due: false, items: [{ fields: ['name'] }] })

    await page.goto(`${c.base}/weekly-review`)
    await page.getByTestId('review-recorded').waitFor()
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByText('Next week’s plan', { exact: true }).waitFor()
    await page.getByText('Follow-ups planned', { exact: true }).waitFor()
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' })
    await expectNoVisibleCodes(page, 'the weekly review (en)', USERNAMES)
    await shot(page, 'weekly-review.en')
    await page.evaluate(() => localStorage.setItem('custodia.language', 'zh-CN'))
    await page.close()
  })

  it('logs a call from the call register, plans a follow-up, finds it in My day, marks it done and sees the statistics change (issue 17, 来人来电统计)', async () => {
    const port = Number(new URL(c.base).port)
    const sales = await signInOverHttp(port, 'zhang.sales', STRONG_PASSWORD)
    const manager = await signInOverHttp(port, 'he.manager', STRONG_PASSWORD)
    const customer = await sales('POST', '/customers', { kind: 'individual', name: '季来电' })
    expect(customer.status).toBe(201)
    const id = String(customer.json.id)
    if (customer.json.status === 'draft') {
      expect((await sales('POST', `/customers/${id}/submit`, {})).status).toBe(200)
      expect((await manager('POST', `/customers/${id}/approve`, {})).status).toBe(200)
    }

    // The manager's figures before: the department's calls and follow-ups done today.
    const board = await newPage({ viewport: { width: 1366, height: 900 } })
    await signIn(board, 'he.manager', '/statistics')
    const figure = async (title: string) => {
      const box = board.locator('.ant-statistic').filter({
        has: board.locator('.ant-statistic-title', { hasText: new RegExp(`^${title}$`) }),
      })
      return Number(await box.locator('.ant-statistic-content-value').textContent())
    }
    await board.getByText('按销售员').waitFor()
    const callsBefore = await figure('来电')
    const doneBefore = await figure('完成跟进')

    // The salesperson logs the call on the register, naming the caller: one step.
    const page = await newPage({ viewport: { width: 1366, height: 900 } })
    await signIn(page, 'zhang.sales', '/reception')
    await page.getByRole('button', { name: '登记来电' }).click()
    const dialog = page.getByRole('dialog')
    await chooseOption(page, dialog, '来电结果', '有意向', 'open')
    await dialog.getByLabel('来电客户').fill('季')
    await page.locator('.ant-select-item-option', { hasText: '季' }).click()
    await dialog.getByRole('button', { name: '登记来电' }).click()
    await dialog.waitFor({ state: 'detached' })
    // The call's row opens the customer, where the follow-up is planned.
    await page
      .locator('.ant-table-row', { hasText: '有意向' })
      .getByRole('button', { name: '查看档案' })
      .first()
      .click()
    await page.getByRole('button', { name: '安排跟进' }).click()
    const planDialog = page.getByRole('dialog')
    await planDialog.getByText('为该客户安排跟进').waitFor()
    await planDialog.getByRole('button', { name: '安排跟进' }).click()
    await page.getByText('已安排跟进').waitFor()
    const logged = await sales('GET', `/customers/${id}/interactions`)
    expect(logged.json.items).toMatchObject([{ channel: 'phone', direction: 'inbound' }])

    await page.goto(`${c.base}/`)
    const myDay = page.getByTestId('my-day')
    const row = myDay.locator('.ant-table-row', { hasText: '季' })
    await row.waitFor()
    await row.getByRole('button', { name: '完成跟进' }).click()
    const doneDialog = page.getByRole('dialog')
    await doneDialog.getByText('记录跟进结果').waitFor()
    await doneDialog.getByRole('button', { name: '完成跟进' }).click()
    await doneDialog.waitFor({ state: 'detached' })
    await page.close()

    // The manager's figures after: one call more, one follow-up done more, by 张晓.
    await board.reload()
    await board.getByText('按销售员').waitFor()
    await expect.poll(() => figure('来电'), { timeout: 30_000 }).toBe(callsBefore + 1)
    expect(await figure('完成跟进')).toBe(doneBefore + 1)
    await board.locator('.ant-table-row', { hasText: '张晓' }).first().waitFor()
    // The chart is drawn by ECharts, loaded with this page only.
    await board.locator('canvas').first().waitFor()
    expect(await board.getByText('季来电').count()).toBe(0)
    await expectNoVisibleCodes(board, '/statistics (zh-CN)', USERNAMES)
    await shot(board, 'statistics.zh-CN')
    await board.getByRole('button', { name: 'English' }).click()
    await board.getByText('By salesperson').waitFor()
    await expectNoVisibleCodes(board, '/statistics (en)', USERNAMES)
    await shot(board, 'statistics.en')
    await board.close()
  })

  it('keeps the first page’s JavaScript within its budget, and loads ECharts only with the statistics (issue 17 §6, UI-1)', async () => {
    const page = await newPage({ viewport: { width: 1366, height: 900 } })
    const scripts = new Map<string, number>()
    page.on('response', async (response) => {
      if (response.request().resourceType() !== 'script') return
      scripts.set(new URL(response.url()).pathname, (await response.body()).length)
    })
    await signIn(page, 'he.manager', '/')
    await page.getByTestId('my-day').waitFor()
    await page.waitForLoadState('networkidle')
    const firstPage = [...scripts.values()].reduce((sum, bytes) => sum + bytes, 0)
    // The budget of the sign-in page and the dashboard together, uncompressed: 2 MB (1.49 MB when written).
    expect(firstPage).toBeLessThan(2_000_000)
    const charts = () => [...scripts.keys()].filter((name) => name.includes('echarts'))
    expect(charts()).toEqual([])
    await page.getByRole('menuitem', { name: '来人来电统计' }).click()
    await page.locator('canvas').first().waitFor()
    expect(charts()).toHaveLength(1)
    await page.close()
  })

  it('fills the tracking form of an A customer and submits the day’s report (issue 17, 客户追踪表)', async () => {
    const port = Number(new URL(c.base).port)
    const agent = await signInOverHttp(port, 'li.agent', STRONG_PASSWORD)
    const manager = await signInOverHttp(port, 'wang.manager', STRONG_PASSWORD)
    const customer = await agent('POST', '/customers', {
      kind: 'individual',
      name: '蒋追踪',
      trackingLevel: 'A',
    })
    expect(customer.status).toBe(201)
    const id = String(customer.json.id)
    if (customer.json.status === 'draft') {
      expect((await agent('POST', `/customers/${id}/submit`, {})).status).toBe(200)
      expect((await manager('POST', `/customers/${id}/approve`, {})).status).toBe(200)
    }
    const decisionMaker = '蒋太太，周末在家'
    const page = await newPage({ viewport: { width: 1366, height: 1100 } })
    await signIn(page, 'li.agent', `/customers/${id}`)
    const card = page.getByTestId('tracking-form')
    await card.getByText('尚未填写').first().waitFor()
    await card.getByRole('button', { name: '更新追踪表' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText('更新客户追踪表').waitFor()
    await chooseOption(page, dialog, '意向', '强烈', 'open')
    await dialog.getByLabel('预算').fill('1200000')
    await dialog.getByLabel('决策人').fill(decisionMaker)
    await dialog.getByLabel('下一步').fill('周六带看样板间')
    await dialog.getByRole('button', { name: '保存' }).click()
    await dialog.waitFor({ state: 'detached' })
    await card
      .getByText(/第 1 版/)
      .first()
      .waitFor()
    await card.getByText('按时更新').waitFor()
    expect(await card.getByText('已遮蔽').count()).toBe(4)
    // Masked: the values never reach the page in plain text.
    expect(await page.getByText(decisionMaker).count()).toBe(0)
    await card.scrollIntoViewIfNeeded()
    await expectNoVisibleCodes(page, 'the tracking form (zh-CN)', USERNAMES)
    await shot(page, 'tracking-form.zh-CN')
    await page.getByRole('button', { name: 'English' }).click()
    await card.getByText('Up to date').waitFor()
    await card.scrollIntoViewIfNeeded()
    await expectNoVisibleCodes(page, 'the tracking form (en)', USERNAMES)
    await shot(page, 'tracking-form.en')
    await page.evaluate(() => localStorage.setItem('custodia.language', 'zh-CN'))

    // At a follow-up: completing it carries the form's changes, a version of their own.
    const planned = await agent('POST', '/follow-ups', {
      customerId: id,
      dueAt: new Date(Date.now() + 60 * 60 * 1000).toISOString(),
      purpose: 'tracking',
    })
    expect(planned.status).toBe(201)
    await page.goto(`${c.base}/follow-ups`)
    await page.getByRole('tab', { name: '全部待跟进' }).click()
    await page.getByTestId(`complete-${String(planned.json.id)}`).click()
    const complete = page.getByRole('dialog')
    await complete.getByTestId('tracking-at-follow-up').waitFor()
    await complete.getByLabel('下一步').fill('下周二来签约')
    await complete.getByRole('button', { name: '完成跟进' }).click()
    await complete.waitFor({ state: 'detached' })
    await expect
      .poll(async () => (await agent('GET', `/customers/${id}/tracking-form`)).json.history)
      .toMatchObject([{ version: 2, changed: ['next_step'] }, { version: 1 }])

    // The day's report: the counts come from the records, the problems are the salesperson's words.
    await page.goto(`${c.base}/daily-reports`)
    const today = page.getByTestId('daily-report-today')
    await today.getByText('新客户').waitFor()
    await today.getByLabel('问题与建议').fill('蒋**嫌价格偏高，请经理协助分析')
    await today.getByRole('button', { name: '提交日报' }).click()
    await today.getByText('日报已提交').waitFor()
    await today.getByText('待审阅').waitFor()
    await expectNoVisibleCodes(page, 'the daily report (zh-CN)', USERNAMES)
    await shot(page, 'daily-report.zh-CN')
    const mine = await agent('GET', '/daily-reports/today')
    expect(mine.json.report).toMatchObject({ text: '蒋**嫌价格偏高，请经理协助分析' })
    const counts = (mine.json.report as { counts: { newCustomers: number } }).counts
    expect(counts.newCustomers).toBeGreaterThanOrEqual(1)
    await page.close()

    // The manager reviews it, and it is locked.
    const review = await newPage({ viewport: { width: 1366, height: 900 } })
    await signIn(review, 'wang.manager', '/daily-reports')
    await review.getByRole('tab', { name: '部门日报' }).click()
    const row = review.locator('.ant-table-row', { hasText: '待审阅' }).first()
    await row.getByRole('button', { name: '审阅' }).click()
    const reviewDialog = review.getByRole('dialog')
    await reviewDialog.getByLabel('审阅意见').fill('明天一起分析价格异议')
    await reviewDialog.getByRole('button', { name: '审阅' }).click()
    await reviewDialog.waitFor({ state: 'detached' })
    await review.getByRole('button', { name: 'English' }).click()
    await review.getByRole('tab', { name: 'Department’s reports' }).waitFor()
    await review.locator('.ant-table-row', { hasText: 'Reviewed' }).first().waitFor()
    // Opened, the report shows its text and the manager's comment, sealed at rest.
    await review.locator('.ant-table-row-expand-icon').first().click()
    await review.getByText('明天一起分析价格异议').waitFor()
    await expectNoVisibleCodes(review, 'the daily reports (en)', USERNAMES)
    await shot(review, 'daily-report.en')
    await review.evaluate(() => localStorage.setItem('custodia.language', 'zh-CN'))
    const locked = await agent('POST', '/daily-reports', { text: '改写' })
    expect(locked.status).toBe(409)
    await review.close()
  })

  it('logs a call with a note on the customer page and sees it on the timeline, masked (issue 17, 跟进记录)', async () => {
    const port = Number(new URL(c.base).port)
    const agent = await signInOverHttp(port, 'li.agent', STRONG_PASSWORD)
    const manager = await signInOverHttp(port, 'wang.manager', STRONG_PASSWORD)
    const customer = await agent('POST', '/customers', { kind: 'individual', name: '褚跟进' })
    expect(customer.status).toBe(201)
    const id = String(customer.json.id)
    if (customer.json.status === 'draft') {
      expect((await agent('POST', `/customers/${id}/submit`, {})).status).toBe(200)
      expect((await manager('POST', `/customers/${id}/approve`, {})).status).toBe(200)
    }
    const note = '褚先生想周末带家人看样板间'
    const page = await newPage({ viewport: { width: 1366, height: 900 } })
    await signIn(page, 'wang.manager', `/customers/${id}`)
    await page.getByRole('tab', { name: '跟进记录' }).click()
    await page.getByText('客户时间线').waitFor()
    await page.getByRole('button', { name: '登记跟进' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('跟进内容').fill(note)
    await dialog.getByLabel('时长（分钟）').fill('8')
    await dialog.getByRole('button', { name: '保存' }).click()
    await dialog.waitFor({ state: 'detached' })
    const entry = page.getByTestId('interaction-entry').first()
    await entry.getByText('电话').waitFor()
    await entry.getByText('主动联系').waitFor()
    await entry.getByText('已遮蔽').waitFor()
    // Masked: the note never reaches the page in plain text.
    expect(await page.getByText(note).count()).toBe(0)
    await expectNoVisibleCodes(page, 'the customer timeline (zh-CN)', USERNAMES)
    await shot(page, 'customer-timeline.zh-CN')
    // Revealed for a purpose, in the one reveal dialog every sealed text opens, then masked again.
    await entry.getByRole('button', { name: '查看明文' }).click()
    await choosePurpose(page, '客户服务')
    await page.getByRole('dialog').getByRole('button', { name: '确认查看' }).click()
    await page.getByRole('dialog').getByText(note).waitFor()
    await page.getByRole('dialog').getByText('秒后自动隐藏').waitFor()
    await page.getByRole('dialog').locator('.ant-modal-footer').getByRole('button').click()
    await page.getByRole('dialog').waitFor({ state: 'detached' })
    expect(await page.getByText(note).count()).toBe(0)
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByText('Customer timeline').waitFor()
    await entry.getByText('To the customer').waitFor()
    await expectNoVisibleCodes(page, 'the customer timeline (en)', USERNAMES)
    await shot(page, 'customer-timeline.en')
    const logged = await manager('GET', `/customers/${id}/interactions`)
    expect(logged.json.items).toMatchObject([
      { channel: 'phone', direction: 'outbound', durationMinutes: 8, note: '***' },
    ])
    await page.close()
  })

  it('builds a feedback form, records a customer’s answers and sees the survey’s response rate (issue 17, CUS-7)', async () => {
    const port = Number(new URL(c.base).port)
    const manager = await signInOverHttp(port, 'wang.manager', STRONG_PASSWORD)
    const reviewer = await signInOverHttp(port, 'zheng.manager', STRONG_PASSWORD)
    const customer = await manager('POST', '/customers', { kind: 'individual', name: '卫反馈' })
    expect(customer.status).toBe(201)
    const id = String(customer.json.id)
    if (customer.json.status === 'draft') {
      expect((await manager('POST', `/customers/${id}/submit`, {})).status).toBe(200)
      expect((await reviewer('POST', `/customers/${id}/approve`, {})).status).toBe(200)
    }
    // Only a customer whose consent covers the channel is invited (CON-3).
    const consent = await manager('POST', `/customers/${id}/consents`, {
      purpose: 'marketing_sms',
      granted: true,
      channel: 'paper',
    })
    expect(consent.status).toBe(201)

    // The form builder (客户信息反馈表): a score question and a text question.
    const page = await newPage({ viewport: { width: 1366, height: 900 } })
    await page.goto(c.base)
    await page.evaluate(() => localStorage.setItem('custodia.language', 'zh-CN'))
    await signIn(page, 'sun.admin', '/feedback-forms')
    await page.getByRole('button', { name: '新建反馈表' }).click()
    const builder = page.getByRole('dialog')
    await builder.getByLabel('反馈表名称').fill('售后回访反馈表')
    await builder.getByTestId('field-label-0').fill('服务满意度')
    await builder.getByRole('button', { name: '添加题目' }).click()
    await builder.getByTestId('field-label-1').fill('对消费环境的意见和建议')
    await expectNoVisibleCodes(page, 'the form builder (zh-CN)', USERNAMES)
    await shot(page, 'feedback-form.zh-CN')
    await builder.getByRole('button', { name: '保存' }).click()
    await builder.waitFor({ state: 'detached' })
    await page.locator('.ant-table-row', { hasText: '售后回访反馈表' }).waitFor()
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByText('Feedback forms').first().waitFor()
    await page.getByRole('button', { name: 'New feedback form' }).click()
    await page.getByRole('dialog').getByLabel('Form name').fill('After-sales feedback')
    await page.getByRole('dialog').getByTestId('field-label-0').fill('Service')
    await expectNoVisibleCodes(page, 'the form builder (en)', USERNAMES)
    await shot(page, 'feedback-form.en')
    await page.close()

    // A satisfaction survey by SMS of every customer in the manager's scope.
    const work = await newPage({ viewport: { width: 1366, height: 900 } })
    await work.goto(c.base)
    await work.evaluate(() => localStorage.setItem('custodia.language', 'zh-CN'))
    await signIn(work, 'wang.manager', '/surveys')
    await work.getByRole('button', { name: '发起满意度调查' }).click()
    const create = work.getByRole('dialog')
    await create.getByLabel('调查名称').fill('售后满意度调查')
    await chooseOption(work, create, '反馈表', '售后回访反馈表', 'open')
    await create.getByRole('button', { name: '保存' }).click()
    await create.waitFor({ state: 'detached' })
    const row = work.locator('.ant-table-row', { hasText: '售后满意度调查' })
    await row.getByText('0%').waitFor()

    // The customer's answers, recorded on the customer page: the text sealed and shown masked.
    const suggestion = '卫女士希望等候区多放几把椅子'
    await work.goto(`${c.base}/customers/${id}`)
    await work.getByRole('tab', { name: '客户反馈' }).click()
    await work.getByText('待反馈的调查：售后满意度调查').waitFor()
    await work.getByRole('button', { name: '登记反馈' }).click()
    const answer = work.getByRole('dialog')
    await answer.locator('.ant-radio-button-wrapper', { hasText: '4' }).click()
    await answer.getByLabel('对消费环境的意见和建议').fill(suggestion)
    await answer.getByRole('button', { name: '保存' }).click()
    await answer.waitFor({ state: 'detached' })
    const response = work.getByTestId('feedback-response').first()
    await response.getByText('服务满意度：4').waitFor()
    await response.getByText('已脱敏').waitFor()
    expect(await work.getByText(suggestion).count()).toBe(0)

    // The suggestion made an improvement item (改善方案), the customer's words left in the response.
    await work.getByRole('button', { name: '转为改善方案' }).click()
    const improve = work.getByRole('dialog')
    await improve.getByLabel('问题').fill('等候区座位不足')
    // Chosen until the box shows it, and the list closed before the date: on a loaded machine
    // a click once landed while the list was opening, and the open list covered the date field.
    await chooseOption(work, improve, '负责人', 'sun.admin', 'open')
    await work.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' })
    await improve.getByLabel('完成期限').click()
    await improve.getByLabel('完成期限').fill('2026-12-31')
    await improve.getByLabel('完成期限').press('Enter')
    await improve.getByRole('button', { name: '保存' }).click()
    await improve.waitFor({ state: 'detached' })
    await work.goto(`${c.base}/improvements`)
    const item = work.locator('.ant-table-row', { hasText: '等候区座位不足' })
    await item.getByText('来自客户反馈').waitFor()
    await item.getByText('2026-12-31').waitFor()
    await expectNoVisibleCodes(work, 'the improvement items (zh-CN)', USERNAMES)

    // The survey's rate as the server counts it, shown on its page.
    const surveys = await manager('GET', '/feedback-surveys')
    const survey = (
      surveys.json.items as { id: string; name: string; responded: number; responseRate: number }[]
    ).find((s) => s.name === '售后满意度调查')
    expect(survey?.responded).toBe(1)
    const rate = `${Math.round((survey?.responseRate ?? 0) * 1000) / 10}%`
    await work.goto(`${c.base}/surveys`)
    await row.getByText(rate).waitFor()
    await row.click()
    await work.getByText('调查详情 · 售后满意度调查').waitFor()
    await work.getByText('4.00').waitFor()
    await expectNoVisibleCodes(work, 'the survey (zh-CN)', USERNAMES)
    await shot(work, 'survey.zh-CN')
    await work.getByRole('button', { name: 'English' }).click()
    await work.getByText('Survey details · 售后满意度调查').waitFor()
    await expectNoVisibleCodes(work, 'the survey (en)', USERNAMES)
    await shot(work, 'survey.en')

    // A survey of customers chosen one by one: only this one, found by name.
    await work.getByRole('button', { name: 'New satisfaction survey' }).click()
    const chosen = work.getByRole('dialog')
    await chosen.getByLabel('Survey name').fill('卫女士专访')
    // The form chosen until its box shows it: on a loaded machine a choice once did not take.
    await chooseOption(work, chosen, 'Feedback form', '售后回访反馈表', 'open')
    await chosen.getByText('Chosen customers').click()
    await chosen.getByRole('combobox').last().fill('卫反馈')
    await work
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '卫' })
      .first()
      .click()
    // Close the open list before reaching for the dialog's button.
    await chosen.locator('.ant-modal-title').click()
    await chosen.getByRole('button', { name: 'Save' }).click()
    await chosen.waitFor({ state: 'detached' })
    const special = work.locator('.ant-table-row', { hasText: '卫女士专访' })
    await special.waitFor()
    const listed = await manager('GET', '/feedback-surveys')
    expect(
      (listed.json.items as { name: string; invited: number }[]).find(
        (s) => s.name === '卫女士专访',
      )?.invited,
    ).toBe(1)
    await work.close()
  })

  it('walks a walk-in through the rotation, registration, review, a small deposit and a deal signed by another salesperson, split 80/20 (issue 16)', async () => {
    const port = Number(new URL(c.base).port)
    const viewport = { width: 1366, height: 900 }
    // 销售一部's desk: 张晓 checks in first, 刘洋 after, so 张晓 receives the next walk-in.
    const zhang = await newPage({ viewport })
    await signIn(zhang, 'zhang.sales', '/reception')
    await zhang.getByRole('button', { name: '签到接待' }).click()
    await zhang.getByRole('button', { name: '因公外出' }).waitFor()
    const liuApi = await signInOverHttp(port, 'liu.sales', STRONG_PASSWORD)
    expect((await liuApi('POST', '/reception/check-in')).status).toBe(200)
    await zhang.reload()
    await zhang.getByRole('button', { name: '登记来访' }).click()
    await zhang.getByRole('dialog').getByRole('button', { name: '登记来访' }).click()
    await zhang.getByText('已分配给 张晓（按轮值）').waitFor()
    await shot(zhang, 'walk-through-1-rotation.zh-CN')

    // 建档 from the visitor register: a draft, registered from the arrival, submitted for review.
    const visit = zhang.locator('.ant-table-row', { hasText: '按轮值' })
    await visit.getByRole('button', { name: '建档' }).click()
    const entry = zhang.getByRole('dialog')
    await entry.getByLabel('客户姓名').fill('岳首访')
    await entry.getByLabel('手机号码').fill('13700137000')
    await entry.getByRole('button', { name: '建档' }).click()
    await zhang.getByText('此档案为草稿').waitFor()
    const customerUrl = zhang.url()
    expect(customerUrl).toMatch(/\/customers\/[0-9a-f-]{36}$/)
    await zhang.getByRole('button', { name: '提交审核' }).click()
    await zhang.getByText('此档案待审核').waitFor()
    await zhang.getByRole('tab', { name: '归属与建档' }).click()
    await zhang.getByText('有效期内').first().waitFor()
    await expectNoVisibleCodes(zhang, 'a submitted record (zh-CN)', USERNAMES)
    await shot(zhang, 'walk-through-2-registration.zh-CN')

    // 刘洋 enters the same mobile: the duplicate check names only who registered it, and until when.
    const liu = await newPage({ viewport })
    await signIn(liu, 'liu.sales', '/customers/new')
    await liu.getByLabel('姓名/名称').fill('岳先生')
    await liu.getByLabel('手机号码').fill('13700137000')
    await liu.getByRole('button', { name: '查重' }).click()
    await liu.getByText(/该客户已由 张晓 于 .* 建档，有效期至/).waitFor()
    expect(await liu.getByText('岳首访').count()).toBe(0)
    await shot(liu, 'walk-through-3-duplicate.zh-CN')
    await liu.getByRole('button', { name: '保存' }).click()
    await liu.getByText(/不能重复建档/).waitFor()

    // 何经理 reviews it from the queue: approved, the record is active.
    const he = await newPage({ viewport })
    await signIn(he, 'he.manager', '/customers/review')
    await he.locator('.ant-table-row', { hasText: '岳' }).click()
    await he.getByRole('button', { name: '审核通过' }).click()
    await he.getByText('已审核通过，档案生效').waitFor()
    await expect.poll(() => he.getByText('此档案待审核').count(), { timeout: 30_000 }).toBe(0)
    await shot(he, 'walk-through-4-review.zh-CN')
    await he.close()

    // 张晓 records the small deposit (小定).
    await zhang.goto(`${c.base}/deals`)
    await zhang.getByRole('button', { name: '登记成交' }).click()
    const deal = zhang.getByRole('dialog')
    await deal.getByLabel('客户').fill('岳首访')
    await zhang.locator('.ant-select-item-option', { hasText: '岳' }).click()
    await chooseOption(zhang, deal, '阶段', '小定', 'open')
    await deal.getByLabel('成交金额（元）').fill('20000')
    await deal.getByLabel('产品（楼栋房号、车位等）').fill('5 号楼 801 室')
    await deal.getByRole('button', { name: '登记成交' }).click()
    await zhang.getByText('已登记成交').waitFor()
    await zhang
      .locator('[data-stage="small_deposit"] .deal-card', { hasText: '5 号楼 801 室' })
      .waitFor()
    await shot(zhang, 'walk-through-5-small-deposit.zh-CN')

    // The customer asks for 刘洋 (以客户意愿为主): the follow-up moves, 张晓's registration stays.
    await zhang.goto(customerUrl)
    await zhang.getByRole('button', { name: '客户指定接待' }).click()
    const wish = zhang.getByRole('dialog')
    await chooseOption(zhang, wish, '客户指定的同事', '刘洋', 'open')
    await wish.getByRole('button', { name: '确定' }).click()
    await zhang.getByText('已改由所选同事跟进').waitFor()
    await zhang.close()

    // 刘洋 signs: the split is fixed at signing, 80 % to him, 20 % to 张晓, the rule in words.
    await liu.goto(`${c.base}/deals`)
    const card = liu.locator('.deal-card', { hasText: '5 号楼 801 室' })
    await card.getByRole('button', { name: '变更阶段' }).click()
    const move = liu.getByRole('dialog')
    await chooseOption(liu, move, '改为', '签约', 'open')
    await chooseOption(liu, move, '成交人', '刘洋', 'open')
    await move.getByRole('button', { name: '变更阶段' }).click()
    await liu.getByText('已变更为“签约”').waitFor()
    const signed = liu.locator('[data-stage="signed"] .deal-card', { hasText: '5 号楼 801 室' })
    await signed.getByText('刘洋（成交人）80%').waitFor()
    await signed.getByText('张晓（建档人）20%').waitFor()
    await signed.getByText(/以客户意愿为主/).waitFor()
    await expectNoVisibleCodes(liu, 'the signed deal (zh-CN)', USERNAMES)
    await shot(liu, 'walk-through-6-split.zh-CN')
    await liu.close()
  })

  it('opens every screen of each role, in Chinese and in English (UI-1)', async () => {
    const screens: [string, string, [string, string]][] = [
      ['wang.manager', '/', ['wang.manager，您好', 'Hello, wang.manager']],
      ['wang.manager', '/customers', ['建档时间', 'Created']],
      ['wang.manager', '/customers/new', ['新建客户', 'New customer']],
      ['wang.manager', '/customers/review', ['待审核客户档案', 'Records awaiting review']],
      ['wang.manager', '/reception', ['来人登记表', 'Visitor register']],
      ['wang.manager', '/pool', ['本部门公海', 'Department pool']],
      ['wang.manager', '/deals', ['小定单登记表', 'Small-deposit register']],
      ['wang.manager', '/follow-ups', ['全部待跟进', 'All open']],
      // The weekly review itself is opened, in both languages, by its own test (梳理).
      ['wang.manager', '/confirmations', ['待重新确认的客户', 'Due for re-confirmation']],
      // The supervisor's screens of the tracking forms and daily reports (客户追踪表, 晚会).
      ['wang.manager', '/tracking-forms', ['全部 A、B 类客户', 'All A and B customers']],
      ['wang.manager', '/daily-reports', ['部门日报', 'Department’s reports']],
      ['zhao.compliance', '/audit', ['完整性校验', 'Integrity']],
      ['zhao.compliance', '/alerts', ['处理中', 'Acknowledged']],
      ['zhao.compliance', '/requests', ['在客户档案', 'Requests tab']],
      ['zhao.compliance', '/notices', ['发布新版本', 'Publish a new version']],
      ['zhao.compliance', '/destructions', ['没有销毁申请', 'No destructions']],
      [
        'zhao.compliance',
        '/retention',
        ['没有到期待审查的客户', 'No customer past a retention period'],
      ],
      ['zhao.compliance', '/admin/purposes', ['履行法定义务', 'Legal obligation']],
      ['zhao.compliance', '/admin/catalogue', ['三级：高度敏感', 'Level 3: most sensitive']],
      ['sun.admin', '/admin/accounts', ['用户名', 'Username']],
      ['sun.admin', '/admin/departments', ['重命名', 'Rename']],
      ['sun.admin', '/admin/entry-rules', ['录入审核规则', 'Entry review rules']],
      ['sun.admin', '/tracking-settings', ['追踪表设置', 'Tracking form settings']],
      ['sun.admin', '/tokens', ['尚无 API 令牌', 'No API tokens']],
      // An empty list says how scheduled backups are set, and how to make one by hand (issue 14 item 2).
      ['sun.admin', '/admin/backups', ['即每 24 小时一次', 'so every 24 hours']],
      ['wu.auditor', '/', ['审计日志签名状态', 'Audit trail signature']],
    ]
    for (const [username, at, [zh, en]] of screens) {
      const context = await newContext({ viewport: { width: 1366, height: 768 } })
      const page = await context.newPage()
      await signIn(page, username, at)
      await page.getByText(zh).first().waitFor()
      expect(await page.locator('.ant-alert-error').count()).toBe(0)
      await expectNoVisibleCodes(page, `${at} of ${username} (zh-CN)`, USERNAMES)
      const name = `${at === '/' ? `dashboard-${username.split('.')[1]}` : at.slice(1).replaceAll('/', '-')}`
      await shot(page, `${name}.zh-CN`)
      await page.getByRole('button', { name: 'English' }).click()
      await page.getByText(en).first().waitFor()
      expect(await page.locator('.ant-alert-error').count()).toBe(0)
      await expectNoVisibleCodes(page, `${at} of ${username} (en)`, USERNAMES)
      await shot(page, `${name}.en`)
      await context.close()
    }
  })
})
