import { toCsv } from '../audit/index.js'
import type { AccessExport } from './access-export.js'

type Language = 'zh-CN' | 'en'

const WORDS = {
  'zh-CN': {
    title: '个人信息副本',
    generated: '生成时间',
    record: '客户信息',
    consents: '同意记录',
    requests: '请求记录',
    interactions: '业务往来记录',
    deals: '成交记录',
    interactionLog: '跟进记录',
    followUps: '跟进计划',
    trackingForm: '客户追踪表',
    trackingChecks: '客户追踪表检查',
    version: '版本',
    trackingField: '项目',
    trackingValue: '内容',
    checkComment: '检查意见',
    dueAt: '应跟进时间',
    result: '跟进结果',
    done: '完成时间',
    followUpStatuses: { open: '待跟进', done: '已完成' } as Record<string, string>,
    followUpPurposes: {
      tracking: '客户跟踪',
      return_visit: '回访',
      deal_progress: '推进成交',
      after_sale: '售后服务',
      other: '其他',
    } as Record<string, string>,
    followUpResults: {
      reached: '已联系',
      no_answer: '未联系上',
      interested: '有意向',
      not_interested: '无意向',
      closed: '已成交',
      other: '其他',
    } as Record<string, string>,
    note: '备注',
    feedbackResponses: '客户信息反馈',
    surveyInvitations: '满意度调查邀请',
    confirmations: '信息确认记录',
    confirmedFields: '确认的项目',
    confirmationMethod: '确认方式',
    confirmationMethods: {
      phone: '电话',
      visit: '来访',
      email: '电子邮件',
      message: '短信/消息',
      portal: '客户自助',
    } as Record<string, string>,
    reviewPlanNotes: '梳理计划备注',
    feedbackForm: '反馈表',
    question: '问题',
    answer: '回答',
    survey: '调查',
    surveyChannels: { sms: '短信', email: '电子邮件', phone: '电话' } as Record<string, string>,
    nextStep: '下一步',
    direction: '方向',
    duration: '时长（分钟）',
    directions: { inbound: '呼入/来访', outbound: '呼出/拜访' } as Record<string, string>,
    logChannels: {
      visit: '到访',
      phone: '电话',
      message: '短信/消息',
      wechat: '微信',
      meeting: '会面',
      email: '电子邮件',
      other: '其他',
    } as Record<string, string>,
    stage: '阶段',
    amount: '金额（元）',
    product: '产品',
    created: '登记时间',
    signed: '签约时间',
    disclosures: '对外提供记录',
    accesses: '访问情况摘要',
    none: '无',
    field: '项目',
    value: '内容',
    purpose: '目的',
    decision: '决定',
    granted: '同意',
    withdrawn: '撤回',
    channel: '方式',
    notice: '告知版本',
    recipient: '接收方',
    guardian: '监护人',
    evidence: '凭证',
    time: '时间',
    type: '类型',
    status: '状态',
    received: '受理时间',
    closed: '办结时间',
    who: '访问人',
    action: '操作',
    times: '次数',
    last: '最近一次',
    staff: '接待人',
    outcome: '结果',
    kinds: { visit: '来访', call: '来电' },
    channels: { visit: '到访', phone: '电话', wechat: '微信', online: '在线咨询', other: '其他' },
    outcomes: {
      interested: '有意向',
      deposit: '已下定',
      signed: '已签约',
      not_interested: '无意向',
      appointment: '约定来访',
      other: '其他',
    } as Record<string, string>,
  },
  en: {
    title: 'Copy of your personal information',
    generated: 'Generated',
    record: 'Your record',
    consents: 'Consents',
    requests: 'Requests',
    interactions: 'Interactions',
    deals: 'Deals',
    interactionLog: 'Interaction log',
    followUps: 'Follow-ups',
    trackingForm: 'Tracking form',
    trackingChecks: 'Tracking form checks',
    version: 'Version',
    trackingField: 'Item',
    trackingValue: 'Value',
    checkComment: 'Comment',
    dueAt: 'Due',
    result: 'Result',
    done: 'Done',
    followUpStatuses: { open: 'Open', done: 'Done' } as Record<string, string>,
    followUpPurposes: {
      tracking: 'Tracking',
      return_visit: 'Return visit',
      deal_progress: 'Moving a deal on',
      after_sale: 'After-sales',
      other: 'Other',
    } as Record<string, string>,
    followUpResults: {
      reached: 'Reached',
      no_answer: 'No answer',
      interested: 'Interested',
      not_interested: 'Not interested',
      closed: 'Closed a deal',
      other: 'Other',
    } as Record<string, string>,
    note: 'Note',
    feedbackResponses: 'Feedback',
    surveyInvitations: 'Survey invitations',
    confirmations: 'Confirmations of your record',
    confirmedFields: 'Confirmed items',
    confirmationMethod: 'How',
    confirmationMethods: {
      phone: 'Phone',
      visit: 'Visit',
      email: 'E-mail',
      message: 'Message',
      portal: 'Self-service',
    } as Record<string, string>,
    reviewPlanNotes: 'Notes of review plans',
    feedbackForm: 'Form',
    question: 'Question',
    answer: 'Answer',
    survey: 'Survey',
    surveyChannels: { sms: 'SMS', email: 'E-mail', phone: 'Phone' } as Record<string, string>,
    nextStep: 'Next step',
    direction: 'Direction',
    duration: 'Duration (minutes)',
    directions: { inbound: 'Inbound', outbound: 'Outbound' } as Record<string, string>,
    logChannels: {
      visit: 'Visit',
      phone: 'Phone',
      message: 'Message',
      wechat: 'WeChat',
      meeting: 'Meeting',
      email: 'E-mail',
      other: 'Other',
    } as Record<string, string>,
    stage: 'Stage',
    amount: 'Amount (yuan)',
    product: 'Product',
    created: 'Recorded',
    signed: 'Signed',
    disclosures: 'Disclosures to others',
    accesses: 'Who accessed it',
    none: 'None',
    field: 'Item',
    value: 'Value',
    purpose: 'Purpose',
    decision: 'Decision',
    granted: 'granted',
    withdrawn: 'withdrawn',
    channel: 'Channel',
    notice: 'Notice version',
    recipient: 'Recipient',
    guardian: 'Guardian',
    evidence: 'Evidence',
    time: 'Time',
    type: 'Type',
    status: 'Status',
    received: 'Received',
    closed: 'Closed',
    who: 'Who',
    action: 'Action',
    times: 'Times',
    last: 'Last',
    staff: 'Staff',
    outcome: 'Outcome',
    kinds: { visit: 'Visit', call: 'Call' },
    channels: {
      visit: 'In person',
      phone: 'Phone',
      wechat: 'WeChat',
      online: 'Online',
      other: 'Other',
    },
    outcomes: {
      interested: 'Interested',
      deposit: 'Deposit paid',
      signed: 'Signed',
      not_interested: 'Not interested',
      appointment: 'Visit arranged',
      other: 'Other',
    } as Record<string, string>,
  },
} as const

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A value as text: lists joined, contact persons by their parts. */
export function asText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map(asText).join('; ')
  if (typeof value === 'object') return Object.values(value).map(asText).join(' ')
  return String(value)
}

function table(headers: string[], rows: string[][], none: string): string {
  if (rows.length === 0) return `<p>${escapeHtml(none)}</p>`
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')
  const body = rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('\n')
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`
}

/** Every part of the copy but its heading: one section of the document each. */
type Section = Exclude<keyof AccessExport, 'format' | 'generatedAt'>

/**
 * How each section of the copy is printed, in the document's order. Typed by
 * the copy's sections, so a holder that adds one (customer-data-registry.ts)
 * does not compile until the document prints it too.
 */
const SECTIONS: {
  [S in Section]: (
    part: AccessExport[S],
    print: {
      w: (typeof WORDS)[Language]
      language: Language
      time: (iso: string | null) => string
    },
  ) => [title: string, html: string]
} = {
  customer: (customer, { w, language }) => [
    w.record,
    table(
      [w.field, w.value],
      customer.fields.map((f) => [language === 'en' ? f.labelEn : f.labelZh, asText(f.value)]),
      w.none,
    ),
  ],
  consents: (consents, { w, language, time }) => [
    w.consents,
    table(
      [w.time, w.purpose, w.decision, w.channel, w.notice, w.recipient, w.guardian, w.evidence],
      consents.map((c) => [
        time(c.recordedAt),
        c.purposeName[language],
        c.granted ? w.granted : w.withdrawn,
        c.channel,
        c.noticeVersion === null ? '' : String(c.noticeVersion),
        c.recipient ?? '',
        c.guardian ? `${c.guardian.name} (${c.guardian.relation})` : '',
        c.evidence ?? '',
      ]),
      w.none,
    ),
  ],
  requests: (requests, { w, time }) => [
    w.requests,
    table(
      [w.type, w.status, w.received, w.closed],
      requests.map((r) => [r.type, r.status, time(r.receivedAt), time(r.closedAt)]),
      w.none,
    ),
  ],
  interactions: (interactions, { w, time }) => [
    w.interactions,
    table(
      [w.time, w.type, w.channel, w.staff, w.outcome],
      interactions.map((i) => [
        time(i.at),
        w.kinds[i.kind],
        w.channels[i.channel as keyof typeof w.channels] ?? i.channel,
        i.staff,
        i.outcome ? (w.outcomes[i.outcome] ?? i.outcome) : '',
      ]),
      w.none,
    ),
  ],
  deals: (deals, { w, language, time }) => [
    w.deals,
    table(
      [w.stage, w.amount, w.product, w.created, w.signed],
      deals.map((d) => [
        d.stageName[language],
        d.amount ?? '',
        d.product ?? '',
        time(d.createdAt),
        time(d.signedAt),
      ]),
      w.none,
    ),
  ],
  interactionLog: (log, { w, language, time }) => [
    w.interactionLog,
    table(
      [w.time, w.channel, w.direction, w.duration, w.staff, w.outcome, w.note, w.nextStep],
      log.map((i) => [
        time(i.at),
        w.logChannels[i.channel] ?? i.channel,
        w.directions[i.direction] ?? i.direction,
        i.durationMinutes === null ? '' : String(i.durationMinutes),
        i.staff,
        i.outcome?.[language] ?? '',
        i.note ?? '',
        i.nextStep ?? '',
      ]),
      w.none,
    ),
  ],
  followUps: (followUps, { w, time }) => [
    w.followUps,
    table(
      [w.dueAt, w.purpose, w.status, w.result, w.note, w.done],
      followUps.map((f) => [
        time(f.dueAt),
        w.followUpPurposes[f.purpose] ?? f.purpose,
        w.followUpStatuses[f.status] ?? f.status,
        f.result ? (w.followUpResults[f.result] ?? f.result) : '',
        f.note ?? '',
        time(f.completedAt),
      ]),
      w.none,
    ),
  ],
  trackingForm: (rows, { w, language, time }) => [
    w.trackingForm,
    table(
      [w.version, w.time, w.trackingField, w.trackingValue],
      rows.map((r) => [
        String(r.version),
        time(r.at),
        r.field[language === 'en' ? 'en' : 'zh'],
        r.value,
      ]),
      w.none,
    ),
  ],
  trackingChecks: (checks, { w, time }) => [
    w.trackingChecks,
    table(
      [w.time, w.checkComment],
      checks.map((c) => [time(c.at), c.comment ?? '']),
      w.none,
    ),
  ],
  feedbackResponses: (responses, { w, time }) => [
    w.feedbackResponses,
    table(
      [w.time, w.feedbackForm, w.question, w.answer],
      responses.flatMap((r) =>
        r.answers.map((a) => [time(r.at), `${r.form} v${r.version}`, a.question, a.answer]),
      ),
      w.none,
    ),
  ],
  surveyInvitations: (invitations, { w, time }) => [
    w.surveyInvitations,
    table(
      [w.time, w.survey, w.channel],
      invitations.map((i) => [time(i.at), i.survey, w.surveyChannels[i.channel] ?? i.channel]),
      w.none,
    ),
  ],
  confirmations: (confirmations, { w, time }) => [
    w.confirmations,
    table(
      [w.time, w.confirmedFields, w.confirmationMethod],
      confirmations.map((c) => [
        time(c.confirmedAt),
        c.fields.join(', '),
        w.confirmationMethods[c.method] ?? c.method,
      ]),
      w.none,
    ),
  ],
  reviewPlanNotes: (notes, { w, time }) => [
    w.reviewPlanNotes,
    table(
      [w.time, w.note],
      notes.map((n) => [time(n.addedAt), n.note]),
      w.none,
    ),
  ],
  // No module keeps these yet (access-export.ts): the section says "none".
  disclosures: (_disclosures, { w }) => [w.disclosures, table([], [], w.none)],
  accessSummary: (accesses, { w, time }) => [
    w.accesses,
    table(
      [w.who, w.action, w.purpose, w.times, w.last],
      accesses.map((a) => [a.who, a.action, a.purpose ?? '', String(a.times), time(a.last)]),
      w.none,
    ),
  ],
}

/** The human-readable document of an access request: one printable page. */
export function renderAccessDocument(data: AccessExport, language: Language): string {
  const w = WORDS[language]
  const time = (iso: string | null) =>
    iso ? new Date(iso).toLocaleString(language, { hour12: false }) : ''
  const render = <S extends Section>(section: S) =>
    SECTIONS[section](data[section], { w, language, time })
  const sections = (Object.keys(SECTIONS) as Section[]).map(render)
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(w.title)}</title>
<style>body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse;width:100%;margin-bottom:1.5em}
th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f5f5f5}</style></head>
<body><h1>${escapeHtml(w.title)}</h1><p>${escapeHtml(w.generated)}: ${escapeHtml(time(data.generatedAt))}</p>
${sections.map(([title, html]) => `<h2>${escapeHtml(title)}</h2>\n${html}`).join('\n')}
</body></html>
`
}

/** Portability (DSR-2): the record as CSV, one field per row, for another provider to read. */
export function renderPortableCsv(data: AccessExport): string {
  return toCsv(
    ['field', 'value'],
    data.customer.fields.map((f) => [f.field, asText(f.value)]),
  )
}
