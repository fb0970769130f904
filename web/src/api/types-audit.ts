export type AuditEvent = {
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
}

export type AuditPage = { items: AuditEvent[]; nextCursor: number | null }
