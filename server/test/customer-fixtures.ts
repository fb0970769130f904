import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import { call } from './test-app.js'

/**
 * Canary customers: distinctive values that must never appear in plain text
 * in the database files, a dump, a backup or a log (CLS-2, CLS-6).
 */
export const CANARY = {
  name: '甄金丝雀',
  idNumber: '44030419900307123X',
  mobile: '13912345678',
  phone: '0755-86001234',
  email: 'canary.zhen@example.com',
  address: '深圳市南山区金丝雀路8848号',
  employer: '金丝雀科技',
  income: 7654321.98,
  assets: 98765432.15,
  bankAccounts: ['6217000012345678901'],
  bankCards: ['6222021234567890123'],
  investments: '金丝雀稳健理财A款',
} as const

export const CANARY_ORGANIZATION = {
  name: '深圳市金丝雀信息技术有限公司',
  creditCode: '91440300MA5F00001A',
  address: '深圳市福田区凤凰路77号',
  contacts: [
    { name: '雀经理', mobile: '13787654321', email: 'que.manager@example.com', title: '总经理' },
  ],
} as const

/** Who receives a customer's information under a third-party consent: sealed with the customer's key too. */
export const CANARY_RECIPIENT = '金丝雀再保险（香港）有限公司'

/** Every plain string a scan must not find. */
export const CANARY_STRINGS: string[] = [
  CANARY.name,
  CANARY.idNumber,
  CANARY.mobile,
  '86001234',
  CANARY.email,
  CANARY.address,
  CANARY.employer,
  String(CANARY.income),
  String(CANARY.assets),
  ...CANARY.bankAccounts,
  ...CANARY.bankCards,
  CANARY.investments,
  CANARY_ORGANIZATION.name,
  CANARY_ORGANIZATION.creditCode,
  CANARY_ORGANIZATION.address,
  '雀经理',
  '13787654321',
  'que.manager@example.com',
  CANARY_RECIPIENT,
]

export function individual(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'individual',
    ...CANARY,
    bankAccounts: [...CANARY.bankAccounts],
    bankCards: [...CANARY.bankCards],
    grade: 'important',
    source: 'visit',
    ...overrides,
  }
}

export function organization(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'organization',
    ...CANARY_ORGANIZATION,
    contacts: CANARY_ORGANIZATION.contacts.map((c) => ({ ...c })),
    industry: '信息技术',
    size: 'medium',
    ...overrides,
  }
}

/** Creates a customer through the API and returns its id. */
export async function createCustomerAs(
  app: FastifyInstance,
  cookie: string,
  body: Record<string, unknown>,
): Promise<string> {
  const response = await call(app, {
    method: 'POST',
    url: '/api/v1/customers',
    cookie,
    payload: body,
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json().id
}

/** The first canary found in a text, if any. */
export function findCanary(text: string | Buffer): string | undefined {
  const haystack = typeof text === 'string' ? Buffer.from(text) : text
  return CANARY_STRINGS.find((canary) => haystack.includes(Buffer.from(canary)))
}
