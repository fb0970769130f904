/**
 * The shapes the console reads. These mirror the server's zod schemas by
 * hand for now; generating them from /api/openapi.json is the next step.
 */
export type Me = {
  id: string
  username: string
  displayName: string
  roles: string[]
  permissions: string[]
  pendingAction: 'change_password' | 'enrol_totp' | null
}

export type CustomerView = {
  id: string
  kind: 'individual' | 'organization'
  grade: string | null
  source: string | null
  createdAt: string
  masked: string[]
  revealable: string[]
  [field: string]: unknown
}

export type CustomerPage = { items: CustomerView[]; nextCursor: string | null }

export type Purpose = { code: string; name: string; legalBasis: string; active: boolean }

export type CatalogueEntry = { field: string; labelZh: string; labelEn: string; level: number }
