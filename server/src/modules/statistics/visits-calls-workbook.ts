import type ExcelJS from 'exceljs'
import type { Language } from '../../platform/i18n.js'
import { COUNTS, type CountName, type Counts, type VisitsCalls } from './statistics.schemas.js'

/*
 * The statistics as an Excel workbook (issue 17 §6): four sheets, headed
 * in the reader's language — per salesperson, per department, deals by
 * stage, reasons for no deal. It holds staff names, department names and
 * counts: never a customer's name or value, so nothing in it needs masking.
 */

type Text = { zh: string; en: string }

const COUNT_LABELS: Record<CountName, Text> = {
  visits: { zh: '来人', en: 'Visits' },
  calls: { zh: '来电', en: 'Calls' },
  contacts: { zh: '跟进记录', en: 'Interactions' },
  newCustomers: { zh: '新增客户', en: 'New customers' },
  followUpsDone: { zh: '完成跟进', en: 'Follow-ups done' },
  followUpsMissed: { zh: '逾期未跟进', en: 'Follow-ups missed' },
  dealsSigned: { zh: '成交', en: 'Deals signed' },
  dealsLost: { zh: '未成交 / 退订', en: 'Deals lost or cancelled' },
  firstContacts: { zh: '首次接触客户', en: 'First contacts' },
  converted: { zh: '其中已成交', en: 'Of which signed' },
}

const TEXT = {
  bySalesperson: { zh: '按销售员', en: 'By salesperson' },
  byDepartment: { zh: '按部门', en: 'By department' },
  byStage: { zh: '成交阶段', en: 'Deals by stage' },
  reasons: { zh: '未成交原因', en: 'Reasons for no deal' },
  period: { zh: '期间起始日', en: 'Period starting' },
  department: { zh: '部门', en: 'Department' },
  salesperson: { zh: '销售员', en: 'Salesperson' },
  conversion: { zh: '转化率', en: 'Conversion' },
  stage: { zh: '阶段', en: 'Stage' },
  reason: { zh: '原因', en: 'Reason' },
  kind: { zh: '类别', en: 'Kind' },
  lost: { zh: '未成交', en: 'Lost' },
  cancelled: { zh: '退订', en: 'Cancelled' },
  count: { zh: '数量', en: 'Count' },
  total: { zh: '合计', en: 'Total' },
  noDepartment: { zh: '未分配部门', en: 'No department' },
} satisfies Record<string, Text>

export async function visitsCallsWorkbook(
  statistics: VisitsCalls,
  language: Language,
): Promise<Buffer> {
  const say = (text: Text) => (language === 'en' ? text.en : text.zh)
  const countHeaders = COUNTS.map((name) => say(COUNT_LABELS[name]))
  const countCells = (counts: Counts) => [
    ...COUNTS.map((name) => counts[name]),
    counts.firstContacts === 0 ? null : counts.converted / counts.firstContacts,
  ]
  const departmentName = (id: string | null, name: string | null) =>
    name ?? (id === null ? say(TEXT.noDepartment) : '')
  const names = new Map(statistics.departments.map((d) => [d.departmentId, d.name]))

  // Loaded when a workbook is asked for, not with every server start.
  const { default: Excel } = await import('exceljs')
  const book = new Excel.Workbook()
  book.creator = 'Custodia'

  const people = sheet(book, say(TEXT.bySalesperson), [
    say(TEXT.period),
    say(TEXT.department),
    say(TEXT.salesperson),
    ...countHeaders,
    say(TEXT.conversion),
  ])
  for (const row of statistics.rows) {
    people.addRow([
      row.bucket,
      departmentName(row.departmentId, names.get(row.departmentId) ?? null),
      row.name,
      ...countCells(row.counts),
    ])
  }
  people.addRow([say(TEXT.total), '', '', ...countCells(statistics.totals)]).font = { bold: true }
  percent(people, COUNTS.length + 4)

  const departments = sheet(book, say(TEXT.byDepartment), [
    say(TEXT.period),
    say(TEXT.department),
    ...countHeaders,
    say(TEXT.conversion),
  ])
  for (const row of statistics.departments) {
    departments.addRow([
      row.bucket,
      departmentName(row.departmentId, row.name),
      ...countCells(row.counts),
    ])
  }
  percent(departments, COUNTS.length + 3)

  const stages = sheet(book, say(TEXT.byStage), [say(TEXT.stage), say(TEXT.count)])
  for (const stage of statistics.dealsByStage) {
    stages.addRow([language === 'en' ? stage.labelEn : stage.labelZh, stage.count])
  }

  const reasons = sheet(book, say(TEXT.reasons), [
    say(TEXT.kind),
    say(TEXT.reason),
    say(TEXT.count),
  ])
  for (const reason of statistics.noDealReasons) {
    reasons.addRow([
      say(TEXT[reason.kind]),
      language === 'en' ? reason.labelEn : reason.labelZh,
      reason.count,
    ])
  }

  return Buffer.from(await book.xlsx.writeBuffer())
}

function sheet(book: ExcelJS.Workbook, name: string, headers: string[]): ExcelJS.Worksheet {
  const worksheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  worksheet.columns = headers.map((header) => ({
    header,
    width: Math.max(10, [...header].length * 2 + 2),
  }))
  worksheet.getRow(1).font = { bold: true }
  return worksheet
}

function percent(worksheet: ExcelJS.Worksheet, column: number) {
  worksheet.getColumn(column).numFmt = '0.0%'
}
