import { describe, expect, it } from 'vitest'
import { idNumberOf } from '../server/test/import-fixtures.js'
import { USERNAMES, useConsole } from './console-fixture.js'
import { expectNoVisibleCodes } from './visible-codes.js'

/**
 * 导入客户 in a real browser (issue 18 §1, DQ-3, UI-1): a manager uploads a
 * CSV file, sees the columns matched to the catalogue's fields, checks the
 * file, reads the report of the two rows that cannot be imported, runs the
 * import to its end and finds a customer of the file in the customer list.
 * On a server of its own, beside the other browser test files.
 */
const c = useConsole()
const { newPage, signIn, chooseOption, shot } = c

/** Six rows: four to create, one without a name (row 6), one with a mobile too short (row 7). */
const CSV = [
  '客户姓名,手机号,身份证号码,电子邮箱',
  `柏导一,13700000101,${idNumberOf(101)},bai.one@example.com`,
  `柏导二,13700000102,${idNumberOf(102)},`,
  `柏导三,13700000103,${idNumberOf(103)},`,
  `柏导四,13700000104,${idNumberOf(104)},`,
  `,13700000105,${idNumberOf(105)},`,
  `柏导六,1370000010,${idNumberOf(106)},`,
].join('\r\n')

describe('importing customers in the console (issue 18 §1, DQ-3, UI-1)', () => {
  it('uploads a CSV file, maps its columns, checks it, reports the two problem rows, imports the rest and finds a customer in the list', async () => {
    const page = await newPage({ viewport: { width: 1366, height: 900 } })
    await signIn(page, 'wang.manager', '/imports')
    // The menu entry is there for a manager (customers.import).
    await page.getByRole('menuitem', { name: '导入客户' }).waitFor()

    // 1. Upload, with the options left as they are (个人客户, 跳过).
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '客户名单.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) })
    await page.locator('.ant-upload-list', { hasText: '客户名单.csv' }).waitFor()
    await expectNoVisibleCodes(page, '/imports, the upload (zh-CN)', USERNAMES)
    await shot(page, 'import-upload.zh-CN')
    await page.getByRole('button', { name: '上传并识别列' }).click()

    // 2. The columns, each with the field the server suggests, by its label.
    for (const [header, label] of [
      ['客户姓名', '姓名/名称'],
      ['手机号', '手机号码'],
      ['身份证号码', '证件号码'],
      ['电子邮箱', '电子邮箱'],
    ] as const) {
      await page
        .locator('.ant-table-row', { hasText: header })
        .first()
        .locator('.ant-select', { hasText: label })
        .waitFor()
    }
    await expectNoVisibleCodes(page, '/imports, the columns (zh-CN)', USERNAMES)
    await page.evaluate(() => window.scrollTo(0, 0))
    await shot(page, 'import-mapping.zh-CN')
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('button', { name: 'Check the file' }).waitFor()
    await page
      .locator('.ant-table-row', { hasText: '客户姓名' })
      .getByText('Name', { exact: true })
      .waitFor()
    await expectNoVisibleCodes(page, '/imports, the columns (en)', USERNAMES)
    await shot(page, 'import-mapping.en')
    await page.getByRole('button', { name: '中文' }).click()

    // 3. The dry run: four rows to create, two with problems, each named in Chinese.
    await page.getByRole('button', { name: '开始校验' }).click()
    await page.getByText('校验完成').waitFor({ timeout: 60_000 })
    const figure = (title: string) =>
      page.locator('.ant-statistic', { hasText: title }).locator('.ant-statistic-content')
    await expect.poll(() => figure('数据行').textContent()).toBe('6')
    await expect.poll(() => figure('将新建').textContent()).toBe('4')
    await expect.poll(() => figure('有问题').textContent()).toBe('2')
    // The problems' summary: the rows of each.
    await page.getByText('1 行：必填。', { exact: true }).waitFor()
    const nameless = page.locator('.ant-table-row', { hasText: '必填。' })
    await nameless.waitFor()
    expect(await nameless.textContent()).toContain('第 1 列 客户姓名')
    expect(await nameless.locator('td').first().textContent()).toBe('6')
    const shortMobile = page.locator('.ant-table-row', { hasText: '手机号码应为 11 位数字。' })
    await shortMobile.waitFor()
    expect(await shortMobile.locator('td').first().textContent()).toBe('7')
    // The report names the problem, never the value refused.
    expect(await page.getByText('1370000010', { exact: true }).count()).toBe(0)
    await expectNoVisibleCodes(page, '/imports, the report (zh-CN)', USERNAMES)
    await shot(page, 'import-report.zh-CN')

    // The report as a file, in the reader's language, with the session cookie.
    const href = await page.getByRole('link', { name: '下载问题报告（CSV）' }).getAttribute('href')
    expect(href).toContain('format=csv')
    const download = await page.request.get(new URL(href as string, c.base).toString())
    expect(download.status()).toBe(200)
    const report = await download.text()
    expect(report).toContain('必填。')
    expect(report).not.toContain('1370000010,')

    await page.getByRole('button', { name: 'English' }).click()
    await page.locator('.ant-table-row', { hasText: 'Required.' }).waitFor()
    await page.getByText('Required. (rows: 1)', { exact: true }).waitFor()
    await page.getByText('The check is done').waitFor()
    await expectNoVisibleCodes(page, '/imports, the report (en)', USERNAMES)
    await shot(page, 'import-report.en')
    await page.getByRole('button', { name: '中文' }).click()

    // 4. The run, to its end: the bar full, the counts of what it did.
    await page.getByRole('button', { name: '开始导入' }).click()
    await page.getByText('导入完成').waitFor({ timeout: 60_000 })
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100')
    await expect.poll(() => figure('已新建').textContent()).toBe('4')
    // The two rows the report named are not imported, and counted so.
    await expect.poll(() => figure('未导入').textContent()).toBe('2')
    await expectNoVisibleCodes(page, '/imports, the run (zh-CN)', USERNAMES)
    await shot(page, 'import-done.zh-CN')

    // The import in the list of recent ones, done.
    await page.locator('.ant-table-row', { hasText: '客户名单.csv' }).getByText('已完成').waitFor()

    // 5. One of the file's customers in the customer list, found by its mobile (shown masked).
    await page.getByRole('button', { name: '查看客户档案' }).click()
    await expect.poll(() => page.locator('.ant-table-row', { hasText: '柏**' }).count()).toBe(4)
    await page.getByPlaceholder('手机号码').fill('13700000101')
    await page.getByRole('button', { name: '查询' }).click()
    // All four imported, as drafts for the entry review (every new record is reviewed here, CUS-4).
    await expect.poll(() => page.locator('.ant-table-row').count(), { timeout: 30_000 }).toBe(1)
    const found = page.locator('.ant-table-row', { hasText: '137****0101' })
    await found.getByText('柏**').waitFor()
    await found.getByText('草稿').waitFor()
    await page.close()
  })

  it('shows the server’s refusals in words — a file of another kind, a mapping without the name — and no import page to an agent', async () => {
    const page = await newPage({ viewport: { width: 1366, height: 900 } })
    await signIn(page, 'wang.manager', '/imports')
    await page.locator('input[type=file]').setInputFiles({
      name: '客户名单.xls',
      mimeType: 'application/vnd.ms-excel',
      buffer: Buffer.from(CSV),
    })
    await page.getByRole('button', { name: '上传并识别列' }).click()
    await page
      .getByText('只能导入 CSV 或 Excel（.xlsx）文件；旧版 .xls 请先另存为 .xlsx。')
      .waitFor()

    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '客户名单.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) })
    await page.getByRole('button', { name: '上传并识别列' }).click()
    await chooseOption(page, page, '“客户姓名”对应的字段', '不导入', 'open')
    await page.getByRole('button', { name: '开始校验' }).click()
    await page.getByText('列对应关系有误', { exact: false }).waitFor()
    await expectNoVisibleCodes(page, '/imports, a refused mapping (zh-CN)', USERNAMES)
    await page.close()

    const agent = await newPage({ viewport: { width: 1366, height: 900 } })
    await signIn(agent, 'li.agent', '/customers')
    await agent.getByRole('menuitem', { name: '客户档案', exact: true }).waitFor()
    expect(await agent.getByRole('menuitem', { name: '导入客户' }).count()).toBe(0)
    await agent.close()
  })
})
