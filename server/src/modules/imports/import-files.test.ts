import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { afterAll, describe, expect, it } from 'vitest'
import { normaliseHeader, suggestMapping } from './column-suggestions.js'
import { detectEncoding, SAMPLE_BYTES } from './file-encoding.js'
import { readCsvRows } from './read-csv-rows.js'
import { readXlsxRows } from './read-xlsx-rows.js'

/**
 * Issue 18 (DQ-3), reading an uploaded file: its encoding told from its
 * bytes (a byte-order mark, strict UTF-8, else GB18030 as Chinese Excel
 * saves CSV), its rows streamed with the numbers a spreadsheet shows, and
 * each column's field suggested from its header.
 */
const CSV =
  '姓名,手机号码,备注\n张三,13800138000,"住在北京市朝阳区, 三号楼\n二单元"\n\n李四,13900139000,\n'

async function rowsOf(bytes: Buffer, encoding: 'utf-8' | 'gb18030', chunk = bytes.length) {
  const chunks: Buffer[] = []
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk))
  const rows = []
  for await (const row of readCsvRows(Readable.from(chunks), encoding)) rows.push(row)
  return rows
}

const EXPECTED = [
  { row: 1, cells: ['姓名', '手机号码', '备注'] },
  { row: 2, cells: ['张三', '13800138000', '住在北京市朝阳区, 三号楼\n二单元'] },
  { row: 3, cells: [''] },
  { row: 4, cells: ['李四', '13900139000', ''] },
]

describe('the encoding of an uploaded CSV file', () => {
  it('reads a byte-order mark as UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)])
    expect(detectEncoding(bytes, true)).toEqual({ encoding: 'utf-8', bom: true })
  })

  it('takes strict UTF-8 as UTF-8, and GBK (as Chinese Excel saves CSV) as GB18030', () => {
    expect(detectEncoding(Buffer.from(CSV), true)).toEqual({ encoding: 'utf-8', bom: false })
    expect(detectEncoding(iconv.encode(CSV, 'gbk'), true)).toEqual({
      encoding: 'gb18030',
      bom: false,
    })
    expect(detectEncoding(iconv.encode('身份证号码,地址\n', 'gb18030'), true).encoding).toBe(
      'gb18030',
    )
  })

  it('is not misled by the start of a longer file that ends inside a character', () => {
    const long = Buffer.from('客'.repeat(SAMPLE_BYTES)) // three bytes each
    for (const cut of [SAMPLE_BYTES, 16 * 1024 + 1, 100]) {
      expect(detectEncoding(long.subarray(0, cut), false).encoding, String(cut)).toBe('utf-8')
    }
    // The whole of a file is tested whole: a cut character there is not UTF-8.
    expect(detectEncoding(long.subarray(0, 100), true).encoding).toBe('gb18030')
  })
})

describe('the rows of a CSV file', () => {
  it('streams UTF-8 rows with quoted separators and newlines, numbered as a spreadsheet numbers them', async () => {
    expect(await rowsOf(Buffer.from(CSV), 'utf-8')).toEqual(EXPECTED)
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)])
    expect(await rowsOf(withBom, 'utf-8')).toEqual(EXPECTED)
  })

  it('closes the file when the reader stops early, and when the file does not parse', async () => {
    const early = Readable.from([Buffer.from(CSV.repeat(2000))])
    for await (const row of readCsvRows(early, 'utf-8')) if (row.row === 2) break
    expect(early.destroyed).toBe(true)
    const broken = Readable.from([Buffer.from('姓名,备注\n张三,"未闭合的引号\n')])
    await expect(async () => {
      for await (const _ of readCsvRows(broken, 'utf-8'));
    }).rejects.toThrow()
    expect(broken.destroyed).toBe(true)
  })

  it('decodes GBK, a character split across two chunks included', async () => {
    // One byte per chunk: every two-byte character arrives in halves.
    expect(await rowsOf(iconv.encode(CSV, 'gbk'), 'gb18030', 1)).toEqual(EXPECTED)
    expect(await rowsOf(Buffer.from(CSV), 'utf-8', 1)).toEqual(EXPECTED)
  })
})

describe('the rows of an Excel file', () => {
  let dir: string
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('streams the first worksheet, each cell as the sheet shows it', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'custodia-xlsx-'))
    const file = path.join(dir, 'customers.xlsx')
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('客户')
    sheet.addRow(['姓名', '手机号码', '生日', '资产', '备注'])
    sheet.addRow(['王五', '13700137000', new Date(Date.UTC(1990, 4, 17)), 120000.5, null])
    sheet.addRow([
      { richText: [{ text: '赵' }, { text: '六' }] },
      '13600136000',
      null,
      { formula: '1+1', result: 2 },
      '老客户',
    ])
    book.addWorksheet('其他').addRow(['不读'])
    await book.xlsx.writeFile(file)

    const rows = []
    for await (const row of readXlsxRows(file)) rows.push(row)
    expect(rows).toEqual([
      { row: 1, cells: ['姓名', '手机号码', '生日', '资产', '备注'] },
      { row: 2, cells: ['王五', '13700137000', '1990-05-17', '120000.5'] },
      { row: 3, cells: ['赵六', '13600136000', '', '2', '老客户'] },
    ])
  })
})

describe('the field each column holds', () => {
  const labels = [
    { field: 'name', labelZh: '姓名/名称', labelEn: 'Name' },
    { field: 'mobile', labelZh: '手机号码', labelEn: 'Mobile' },
    { field: 'idNumber', labelZh: '证件号码', labelEn: 'ID number' },
    { field: 'email', labelZh: '电子邮箱', labelEn: 'Email' },
    { field: 'vipLevel', labelZh: '会员等级', labelEn: 'VIP level' },
  ]

  it('suggests fields from headers in Chinese and English, the catalogue’s own labels included', () => {
    expect(
      suggestMapping(
        ['客户姓名', '手机号', '身份证号码', 'E-mail', '备注', '会员等级', '不知道的列', '手机'],
        labels,
      ),
    ).toEqual(['name', 'mobile', 'idNumber', 'email', 'notes', 'vipLevel', null, null])
    expect(suggestMapping(['Name', ' Mobile ', 'ID Number', 'ＥＭＡＩＬ'], labels)).toEqual([
      'name',
      'mobile',
      'idNumber',
      'email',
    ])
  })

  it('compares headers without spaces, punctuation, case or full-width forms', () => {
    expect(normaliseHeader(' 手机（号码） ')).toBe('手机号码')
    expect(normaliseHeader('E-Mail')).toBe('email')
  })
})
