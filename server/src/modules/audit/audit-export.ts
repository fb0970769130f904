import { Readable } from 'node:stream'
import { recordAuditEvent } from '../../audit/audit-log.js'
import { CANONICAL_EVENT } from '../../audit/chain.js'
import { exportCheckpoint } from '../../audit/checkpoint.js'
import type { AppDeps } from '../../platform/deps.js'
import type { Call, Caller } from '../../platform/http/call.js'
import { type Language, localize } from '../../platform/i18n.js'
import type { AuditQuery } from './audit.schemas.js'
import { eventFilter, presentEvent } from './audit.service.js'
import { actionName, OUTCOME_NAMES, reasonName } from './audit-labels.js'
import { type EventNames, namesForEvents } from './audit-names.js'
import { csvLine } from './csv.js'

/**
 * AUD-2, AUD-4: the exports for outside auditors, in the format of
 * docs/audit-format.md. Both stream in keyset pages — nothing is cut off
 * and no query holds the whole trail — and both are themselves audited
 * before the first byte leaves.
 */
const PAGE = 1000

export const EVENTS_FORMAT = 'custodia-audit-events/v1'
export const CHECKPOINTS_FORMAT = 'custodia-audit-checkpoints/v1'

export async function exportEventsStream(
  call: Call<Caller>,
  query: AuditQuery & { format: 'csv' | 'json' },
  language: Language,
): Promise<Readable> {
  const { deps, context, principal, now } = call
  const { format, ...filters } = query
  await recordAuditEvent(deps.db, now, context, {
    actor: principal.actor,
    action: 'audit.exported',
    target: { type: 'audit_trail', id: 'events' },
    details: { format, language, ...filters },
  })
  const complete = Object.keys(filters).length === 0
  const pages = eventPages(deps, filters, language)
  return Readable.from(
    format === 'json' ? jsonDocument(pages, filters, complete, now, language) : csvDocument(pages),
  )
}

/**
 * An exported event: the codes and ids as stored (what the canonical text
 * says), the canonical text, then what they are called in the export's
 * language (issue 14 item 1) — read beside the event, never hashed.
 */
type ExportedEvent = {
  id: number
  seq: number | null
  occurredAt: string
  actor: { type: string; id: string | null; name: string | null }
  action: string
  target: { type: string; id: string } | null
  fields: string[]
  purpose: string | null
  outcome: 'allowed' | 'denied'
  reason: string | null
  requestId: string | null
  sourceIp: string | null
  userAgent: string | null
  details: Record<string, unknown> | null
  canonical: string
  actionName: string
  actorDisplayName: string | null
  targetName: string | null
  /** One per field; a field the catalogue does not name keeps its code. */
  fieldNames: string[]
  purposeName: string | null
  outcomeName: string
  reasonName: string | null
}

function exportedEvent(
  row: Parameters<typeof presentEvent>[0] & { canonical: string },
  names: EventNames,
  language: Language,
): ExportedEvent {
  const view = presentEvent(row, names)
  const name = (n: { zh: string; en: string } | null) => (n === null ? null : localize(n, language))
  return {
    id: view.id,
    seq: view.seq,
    occurredAt: view.occurredAt,
    actor: { type: view.actor.type, id: view.actor.id, name: view.actor.name },
    action: view.action,
    target: view.target && { type: view.target.type, id: view.target.id },
    fields: view.fields,
    purpose: view.purpose,
    outcome: view.outcome,
    reason: view.reason,
    requestId: view.requestId,
    sourceIp: view.sourceIp,
    userAgent: view.userAgent,
    details: view.details,
    canonical: row.canonical,
    actionName: localize(actionName(view.action), language),
    actorDisplayName: view.actor.displayName,
    targetName: name(view.target?.name ?? null),
    fieldNames: view.fields.map((field, i) => name(view.fieldNames[i] ?? null) ?? field),
    purposeName: name(view.purposeName),
    outcomeName: localize(OUTCOME_NAMES[view.outcome], language),
    reasonName: view.reason === null ? null : name(reasonName(view.reason)),
  }
}

/**
 * Sealed events in trail order, then those not sealed yet in the order they
 * were written — as the trail stood when the export began. The sealer runs
 * while the export streams, so both passes are bounded by the last seal and
 * the last event seen at the start: an event sealed in between is exported
 * once, in the second pass, instead of falling between the two.
 */
async function* eventPages(
  deps: AppDeps,
  query: AuditQuery,
  language: Language,
): AsyncGenerator<ExportedEvent[]> {
  const { db } = deps
  const present = async (rows: (Parameters<typeof presentEvent>[0] & { canonical: string })[]) => {
    const names = await namesForEvents(deps, rows)
    return rows.map((row) => exportedEvent(row, names(row), language))
  }
  const start = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('audit_seals')
        .select((s) => s.fn.max('seq').as('m'))
        .as('lastSeq'),
      eb
        .selectFrom('audit_events')
        .select((e) => e.fn.max('id').as('m'))
        .as('lastId'),
    ])
    .executeTakeFirstOrThrow()
  const lastSeq = Number(start.lastSeq ?? 0)
  const lastId = Number(start.lastId ?? 0)
  let afterSeq = 0
  for (;;) {
    const rows = await db
      .selectFrom('audit_seals as s')
      .innerJoin('audit_events as e', 'e.id', 's.event_id')
      .selectAll('e')
      .select(['s.seq', CANONICAL_EVENT.as('canonical')])
      .where(eventFilter(query))
      .where('s.seq', '>', afterSeq)
      .where('s.seq', '<=', lastSeq)
      .orderBy('s.seq')
      .limit(PAGE)
      .execute()
    if (rows.length > 0) yield await present(rows)
    if (rows.length < PAGE) break
    afterSeq = Number(rows.at(-1)?.seq)
  }
  let afterId = 0
  for (;;) {
    const rows = await db
      .selectFrom('audit_events as e')
      .leftJoin('audit_seals as s', 's.event_id', 'e.id')
      .selectAll('e')
      .select(['s.seq', CANONICAL_EVENT.as('canonical')])
      .where(eventFilter(query))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('audit_seals as first')
              .select('first.seq')
              .whereRef('first.event_id', '=', 'e.id')
              .where('first.seq', '<=', lastSeq),
          ),
        ),
      )
      .where('e.id', '>', afterId)
      .where('e.id', '<=', lastId)
      .orderBy('e.id')
      .limit(PAGE)
      .execute()
    if (rows.length > 0) yield await present(rows)
    if (rows.length < PAGE) break
    afterId = Number(rows.at(-1)?.id)
  }
}

async function* jsonDocument(
  pages: AsyncGenerator<ExportedEvent[]>,
  filters: AuditQuery,
  complete: boolean,
  exportedAt: Date,
  language: Language,
): AsyncGenerator<string> {
  yield `{"format":"${EVENTS_FORMAT}","exportedAt":"${exportedAt.toISOString()}","language":"${language}","complete":${complete},"filters":${JSON.stringify(filters)},"items":[`
  let count = 0
  for await (const page of pages) {
    let chunk = ''
    for (const event of page) {
      chunk += `${count === 0 ? '\n' : ',\n'}${JSON.stringify(event)}`
      count += 1
    }
    yield chunk
  }
  yield `\n],"count":${count}}\n`
}

export const EXPORT_COLUMNS = [
  'id',
  'seq',
  'occurredAt',
  'actorType',
  'actorId',
  'actorName',
  'action',
  'targetType',
  'targetId',
  'fields',
  'purpose',
  'outcome',
  'reason',
  'requestId',
  'sourceIp',
  'userAgent',
  'details',
  'canonical',
  // The names, after the codes: a reader of the earlier columns reads them where they were.
  'actionName',
  'actorDisplayName',
  'targetName',
  'fieldNames',
  'purposeName',
  'outcomeName',
  'reasonName',
]

async function* csvDocument(pages: AsyncGenerator<ExportedEvent[]>): AsyncGenerator<string> {
  yield `\uFEFF${csvLine(EXPORT_COLUMNS)}`
  for await (const page of pages) {
    yield page
      .map((event) =>
        csvLine([
          event.id,
          event.seq,
          event.occurredAt,
          event.actor.type,
          event.actor.id,
          event.actor.name,
          event.action,
          event.target?.type ?? null,
          event.target?.id ?? null,
          // JSON, so that a field name with a space or a comma is still one name.
          JSON.stringify(event.fields),
          event.purpose,
          event.outcome,
          event.reason,
          event.requestId,
          event.sourceIp,
          event.userAgent,
          event.details === null ? null : JSON.stringify(event.details),
          event.canonical,
          event.actionName,
          event.actorDisplayName,
          event.targetName,
          JSON.stringify(event.fieldNames),
          event.purposeName,
          event.outcomeName,
          event.reasonName,
        ]),
      )
      .join('')
  }
}

/** Every signed checkpoint, oldest first, each with the public key it names. */
export async function exportCheckpointsStream(call: Call<Caller>): Promise<Readable> {
  const { deps, context, principal, now } = call
  await recordAuditEvent(deps.db, now, context, {
    actor: principal.actor,
    action: 'audit.exported',
    target: { type: 'audit_trail', id: 'checkpoints' },
    details: { format: 'json' },
  })
  const { db } = deps
  const { keyId, publicKeyPem } = deps.auditSigner
  async function* document(): AsyncGenerator<string> {
    yield `{"format":"${CHECKPOINTS_FORMAT}","keyId":${JSON.stringify(keyId)},"publicKey":${JSON.stringify(publicKeyPem)},"items":[`
    let after = 0
    let count = 0
    for (;;) {
      const rows = await db
        .selectFrom('audit_checkpoints')
        .selectAll()
        .where('size', '>', after)
        .orderBy('size')
        .limit(PAGE)
        .execute()
      let chunk = ''
      for (const row of rows) {
        const exported = exportCheckpoint(
          {
            size: row.size,
            chainHash: row.chain_hash,
            signedAt: row.signed_at,
            keyId: row.key_id,
            signature: row.signature,
          },
          publicKeyPem,
        )
        chunk += `${count === 0 ? '\n' : ',\n'}${JSON.stringify(exported)}`
        count += 1
      }
      if (chunk) yield chunk
      if (rows.length < PAGE) break
      after = Number(rows.at(-1)?.size)
    }
    yield `\n],"count":${count}}\n`
  }
  return Readable.from(document())
}
