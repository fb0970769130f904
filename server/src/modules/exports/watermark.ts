import type { Language } from '../../platform/i18n.js'
import type { ExportRow } from './exports.repository.js'

const WORDS = {
  'zh-CN': {
    id: '导出编号',
    requester: '导出人',
    requestedAt: '申请时间',
    madeAt: '生成时间',
    mode: '导出方式',
    masked: '脱敏',
    plain: '明文',
    purpose: '查询目的',
    none: '无',
    rows: '行数',
    notice: '本文件含客户信息，仅限本人用于上述目的，不得外传。',
  },
  en: {
    id: 'Export',
    requester: 'Requested by',
    requestedAt: 'Requested at',
    madeAt: 'Made at',
    mode: 'Mode',
    masked: 'masked',
    plain: 'plain',
    purpose: 'Purpose',
    none: 'none',
    rows: 'Rows',
    notice:
      'This file holds customer data: for the requester and the purpose above only; do not pass it on.',
  },
} as const

/**
 * The watermark every exported file carries (issue 18 §2): the export's id,
 * its requester and the times, its mode and purpose — as one line (the
 * CSV's first line, the workbook's description) and as label–value pairs
 * (the workbook's first sheet), so that a leaked file can be traced.
 */
export function watermarkLines(
  row: Pick<ExportRow, 'id' | 'requested_by_name' | 'requested_at' | 'mode' | 'purpose' | 'fields'>,
  made: { language: Language; at: Date; rowCount: number },
  labels?: string[],
): { text: string; about: [string, string][]; header: string[] } {
  const w = WORDS[made.language]
  const about: [string, string][] = [
    [w.id, row.id],
    [w.requester, row.requested_by_name],
    [w.requestedAt, row.requested_at.toISOString()],
    [w.madeAt, made.at.toISOString()],
    [w.mode, row.mode === 'plain' ? w.plain : w.masked],
    [w.purpose, row.purpose ?? w.none],
    [w.rows, String(made.rowCount)],
  ]
  const separator = made.language === 'en' ? '; ' : '；'
  return {
    text: `${about.map(([k, v]) => `${k} ${v}`).join(separator)}${separator}${w.notice}`,
    about: [...about, ['', w.notice]],
    header: labels ?? [],
  }
}
