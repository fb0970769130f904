import { existsSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { type AddressInfo, connect } from 'node:net'
import path from 'node:path'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCustomerAs, individual } from '../../../test/customer-fixtures.js'
import { createDepartment, createStaff, signedIn } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { ROLES, type Role } from '../../security/roles.js'
import { WEB_DIST } from './web-console.js'

/**
 * OPS-3: bad input never answers 5xx, and every refusal
 * has the contract's body `{ error: { code, message } }`. Every operation of
 * the OpenAPI document, as a role that may call it, gets malformed requests
 * built deterministically (a seeded generator, no clock): NUL, control,
 * bidirectional and zero-width characters in every path parameter, query
 * parameter and body string; wrong types; huge and deep values; empty,
 * invalid and mistyped bodies; overlong and undecodable URLs.
 */

type JsonSchema = {
  type?: string | string[]
  enum?: unknown[]
  oneOf?: JsonSchema[]
  anyOf?: JsonSchema[]
  allOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
  additionalProperties?: boolean | JsonSchema
  required?: string[]
  items?: JsonSchema
  format?: string
  minimum?: number
  minLength?: number
  minItems?: number
  const?: unknown
}
type Parameter = { name: string; in: 'path' | 'query' | 'header'; schema?: JsonSchema }
/** The method as the injector types it (its own list of methods, not Fastify's). */
type Method = NonNullable<InjectOptions['method']>
type Operation = {
  method: Method
  path: string
  parameters: Parameter[]
  body: JsonSchema | undefined
}
type Sent = { label: string; options: InjectOptions }
type Finding = { label: string; status: number; body: string }

/** mulberry32: small, fast and the same sequence on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}
/** Re-seeded per operation (from its method and path), so that a narrowed run repeats its requests. */
let random = seeded(0x5eed_c0de)
function seedFor(text: string): number {
  let hash = 0x811c9dc5
  for (const char of text) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193)
  return hash >>> 0
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T

function randomUnicode(length: number): string {
  let text = ''
  for (let i = 0; i < length; i++) {
    const roll = random()
    const code =
      roll < 0.3
        ? Math.floor(random() * 0x80)
        : roll < 0.6
          ? 0x4e00 + Math.floor(random() * 0x5000)
          : roll < 0.9
            ? Math.floor(random() * 0xd800)
            : 0x10000 + Math.floor(random() * 0xfffff)
    text += String.fromCodePoint(code)
  }
  return text
}

const EVIL_STRINGS: readonly string[] = [
  '\u0000',
  'a\u0000b',
  '张三\u0000',
  '\u0001\u0007\u001b[31m\u007f',
  '\u0085\u009b',
  '张\u202e三\u200b',
  '\u2066abc\u2069',
  '\u200b\u200c\u200d\ufeff',
  '\ud800',
  'a\udfffb',
  '\u2028\u2029',
  'line\nbreak\r\ttab',
  '\u{e0041}\u{e0042}',
  '',
  ' ',
  'x'.repeat(10_000),
  '长'.repeat(5_000),
  '%00',
  '%zz',
  '../../../../etc/passwd',
  "' OR '1'='1' --",
  '"; drop table customers; --',
  '\\',
  '$' + '{jndi:ldap://x}',
  '<script>alert(1)</script>',
  '-1',
  '0',
  '1e309',
  '99999999999999999999999999',
  'NaN',
  'null',
  'true',
  '2026-02-30',
  '2026-13-45T25:61:61Z',
  '+275760-09-13T00:00:00.001Z',
  '0000-00-00',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-0000-0000-00000000000g',
  'eyJ4IjoiXHUwMDAwIn0',
  '////',
  '𝕏'.repeat(50),
]

const EVIL_VALUES: readonly unknown[] = [
  null,
  0,
  -1,
  1.5,
  -0,
  1e308,
  -1e308,
  2 ** 53 + 1,
  Number.MAX_SAFE_INTEGER,
  true,
  false,
  [],
  [null],
  ['\u0000'],
  {},
  { '\u0000': 1 },
  { __proto__x: 1 },
  Array.from({ length: 1000 }, (_, i) => i),
  nested(40),
]

function nested(depth: number): unknown {
  let value: unknown = 'deep'
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value }
  return value
}

/** Plausible values by field name, so that one mutated field meets otherwise valid neighbours. */
const EXAMPLES: Record<string, unknown> = {
  username: 'fuzz.user',
  password: 'Correct-Horse-42',
  currentPassword: 'Correct-Horse-42',
  newPassword: 'Another-Horse-43',
  mobile: '13812345678',
  phone: '0755-86001234',
  email: 'fuzz@example.com',
  idNumber: '11010519491231002X',
  creditCode: '91350100M000100Y43',
  code: 'fuzz_code',
  purpose: 'service',
  totp: '123456',
  day: '2026-10-01',
  date: '2026-10-01',
  from: '2026-01-01T00:00:00.000Z',
  to: '2026-12-31T00:00:00.000Z',
  field: 'fuzzField',
}

function exampleOf(schema: JsonSchema | undefined, name: string): unknown {
  if (!schema) return 'x'
  const branch = schema.oneOf?.[0] ?? schema.anyOf?.[0] ?? schema.allOf?.[0]
  if (branch) return exampleOf(branch, name)
  if (schema.const !== undefined) return schema.const
  if (schema.enum) return schema.enum[0]
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {}
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        value[key] = exampleOf(property, key)
      }
      return value
    }
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
        exampleOf(schema.items, name),
      )
    case 'integer':
    case 'number':
      return schema.minimum ?? 1
    case 'boolean':
      return true
    default:
      if (name in EXAMPLES) return EXAMPLES[name]
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000'
      if (schema.format === 'date-time') return '2026-01-01T00:00:00.000Z'
      if (schema.format === 'date') return '2026-01-01'
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1))
  }
}

/** Every place in a body example where a value sits, as a path of keys. */
function leavesOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leavesOf(item, [...path, i]))
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      [...path, key],
      ...(item && typeof item === 'object' ? leavesOf(item, [...path, key]) : []),
    ])
  }
  return path.length > 0 ? [path] : []
}

function withValueAt(base: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>
  let target = copy
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>
  target[path[path.length - 1] as string | number] = value
  return copy
}

function operationsOf(document: {
  paths: Record<string, Record<string, Record<string, unknown>>>
}): Operation[] {
  const operations: Operation[] = []
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const content = (
        operation.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined
      )?.content
      operations.push({
        method: method.toUpperCase() as Method,
        path,
        parameters: (operation.parameters as Parameter[] | undefined) ?? [],
        body: content?.['application/json']?.schema,
      })
    }
  }
  return operations
}

const CONSOLE_PATHS: readonly string[] = [
  '/%00',
  '/%zz',
  `/${'a'.repeat(300)}`,
  `/${'a'.repeat(8_000)}`,
  `/assets/${'b'.repeat(2_000)}.js`,
  `/assets/x/${'c'.repeat(256)}`,
  '/index.html/x',
  '/index.html%00.js',
  '/..%2f..%2fpackage.json',
  '/a/../../../../etc/passwd',
  '/%E2%80%AE',
  `/${'%C3%A9'.repeat(200)}`,
  '/%ED%A0%80',
]

let t: TestApp
const sessions = new Map<Role, string>()
/** Real ids and codes for path parameters, so mutations reach handlers, not only 404s. */
const known: Record<string, string> = {}

beforeAll(async () => {
  t = await createTestApp()
  const departmentId = await createDepartment(t.deps, 'fuzz-department')
  for (const role of ROLES) {
    sessions.set(
      role,
      await signedIn(t.app, t.deps, role, role === 'manager' ? departmentId : undefined),
    )
  }
  const manager = sessions.get('manager') as string
  known.customer = await createCustomerAs(t.app, manager, individual())
  known.account = (await createStaff(t.deps, ['agent'], { departmentId })).id
  known.department = departmentId
  const first = async (url: string, role: Role, key: string) => {
    const response = await call(t.app, { url, cookie: sessions.get(role) })
    const items = (response.json() as { items?: Record<string, string>[] }).items ?? []
    return items[0]?.[key]
  }
  known.purpose = (await first('/api/v1/purposes', 'secadmin', 'code')) ?? 'service'
  known.policy = (await first('/api/v1/retention/policies', 'compliance', 'code')) ?? 'x'
  known.rule = (await first('/api/v1/alert-rules', 'secadmin', 'code')) ?? 'x'
})

function pathValue(template: string, name: string): string {
  if (name === 'id') {
    if (template.startsWith('/api/v1/customers/')) return known.customer as string
    if (template.startsWith('/api/v1/accounts/')) return known.account as string
    if (template.startsWith('/api/v1/departments/')) return known.department as string
    return '00000000-0000-4000-8000-000000000000'
  }
  if (name === 'code') {
    if (template.includes('/purposes/')) return known.purpose as string
    if (template.includes('/retention/')) return known.policy as string
    if (template.includes('/alert-rules/')) return known.rule as string
  }
  if (name === 'field') return 'notes'
  if (name === 'day') return '2026-10-01'
  if (name === 'version') return '1'
  return 'x'
}

function urlOf(operation: Operation, pathValues: Record<string, string>, query = ''): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encoded(pathValues[name] ?? pathValue(operation.path, name)),
  )
  return query ? `${path}?${query}` : path
}

function requestsFor(operation: Operation): Sent[] {
  const sent: Sent[] = []
  const { method } = operation
  const name = `${method} ${operation.path}`
  random = seeded(seedFor(name))
  const base = operation.body ? exampleOf(operation.body, '') : undefined
  const json = (payload: unknown, query = '', pathValues: Record<string, string> = {}) => ({
    method,
    url: urlOf(operation, pathValues, query),
    ...(payload !== undefined && {
      payload: JSON.stringify(payload),
      headers: { 'content-type': 'application/json' },
    }),
  })
  const add = (label: string, options: InjectOptions) =>
    sent.push({ label: `${name} ${label}`, options })

  add('baseline', json(base) as InjectOptions)
  // Whole bodies: absent, empty, not JSON, not an object, wrong type, huge, deep.
  const rawBodies: [string, string | Buffer, string][] = [
    ['empty', '', 'application/json'],
    ['null', 'null', 'application/json'],
    ['array', '[]', 'application/json'],
    ['string', '"\\u0000"', 'application/json'],
    ['number', '1e400', 'application/json'],
    ['truncated', '{"a":', 'application/json'],
    ['invalid', '{a:1}', 'application/json'],
    [
      'bad utf-8',
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      'application/json',
    ],
    ['proto', '{"__proto__":{"admin":true}}', 'application/json'],
    ['constructor', '{"constructor":{"prototype":{"admin":true}}}', 'application/json'],
    ['nul key', '{"\\u0000":"x"}', 'application/json'],
    ['bidi key', '{"name\\u202e":"x"}', 'application/json'],
    ['deep', `${'['.repeat(50_000)}${']'.repeat(50_000)}`, 'application/json'],
    ['deep object', `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`, 'application/json'],
    ['too large', `{"a":"${'x'.repeat(1_100_000)}"}`, 'application/json'],
    ['text', 'hello', 'text/plain'],
    ['form', 'a=1&b=%00', 'application/x-www-form-urlencoded'],
    ['multipart', '--x\r\n\r\n--x--', 'multipart/form-data; boundary=x'],
    ['json charset', '{}', 'application/json; charset=latin1'],
    ['odd type', '{}', 'application/json\u0000'],
    ['no type', '{"a":1}', ''],
  ]
  for (const [label, payload, type] of rawBodies) {
    add(`body ${label}`, {
      method,
      url: urlOf(operation, {}),
      payload,
      headers: type ? { 'content-type': type } : {},
    })
  }
  if (base !== undefined) {
    add('body nul everywhere', json(replaceStrings(base, 'a\u0000')) as InjectOptions)
    add('body bidi everywhere', json(replaceStrings(base, '张\u202e三\u200b')) as InjectOptions)
    add('body unicode everywhere', json(replaceStrings(base, randomUnicode(30))) as InjectOptions)
    add('body extra key', json({ ...(base as object), unexpected: '\u0000' }) as InjectOptions)
  }
  // One location at a time: a body leaf, a query parameter or a path parameter.
  const leaves = base === undefined ? [] : leavesOf(base)
  const queryNames = operation.parameters.filter((p) => p.in === 'query').map((p) => p.name)
  const pathNames = operation.parameters.filter((p) => p.in === 'path').map((p) => p.name)
  const locations = [
    ...leaves.map((leaf) => ({ kind: 'body' as const, leaf })),
    ...queryNames.map((query) => ({ kind: 'query' as const, query })),
    ...pathNames.map((param) => ({ kind: 'path' as const, param })),
  ]
  const perOperation = 60
  for (let i = 0; i < perOperation && locations.length > 0; i++) {
    const location = pick(locations)
    const value: unknown =
      random() < 0.65 ? pick(EVIL_STRINGS) : random() < 0.5 ? pick(EVIL_VALUES) : randomUnicode(12)
    if (location.kind === 'body') {
      add(
        `body ${location.leaf.join('.')}=${shown(value)}`,
        json(withValueAt(base, location.leaf, value)) as InjectOptions,
      )
    } else if (location.kind === 'query') {
      const text = typeof value === 'string' ? value : JSON.stringify(value)
      const pair = `${location.query}=${encoded(text ?? '')}`
      const query = random() < 0.2 ? `${pair}&${pair}` : pair
      add(`query ${query.slice(0, 60)}`, json(base, query) as InjectOptions)
    } else {
      const text = typeof value === 'string' ? value : JSON.stringify(value)
      add(
        `path ${location.param}=${shown(value)}`,
        json(base, '', { [location.param]: text ?? '' }) as InjectOptions,
      )
    }
  }
  // URLs that do not decode, or that are too long, or that say too much.
  const rawPath = operation.path.replace(/\{\w+\}/g, '%00')
  add('url nul param', { method, url: rawPath })
  add('url bad escape', { method, url: operation.path.replace(/\{\w+\}/g, '%zz') })
  add('url overlong param', {
    method,
    url: operation.path.replace(/\{\w+\}/g, 'a'.repeat(2_000)),
  })
  add('url query junk', { method, url: `${urlOf(operation, {})}?%zz=%00&a[b][c]=1&=&&` })
  add('url overlong query', {
    method,
    url: `${urlOf(operation, {})}?q=${'%E2%80%AE'.repeat(3_000)}`,
  })
  add('headers', {
    ...(json(base) as InjectOptions),
    headers: {
      'content-type': 'application/json',
      'accept-language': '\u00ff;q=abc,,en;q=NaN',
      origin: 'null',
      ...Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`x-fuzz-${i}`, 'y'.repeat(50)])),
    },
  })
  // Credentials that are not credentials.
  for (const [label, header] of [
    ['bearer junk', { authorization: `Bearer ${randomUnicode(20).replace(/[^\x21-\x7e]/g, 'z')}` }],
    ['bearer empty', { authorization: 'Bearer ' }],
    ['basic', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
    ['cookie nul', { cookie: 'custodia_session=%00%E2%80%AE' }],
    ['cookie huge', { cookie: `custodia_session=${'x'.repeat(4_000)}` }],
  ] as const) {
    const options = json(base) as InjectOptions
    add(label, { ...options, headers: { ...(options.headers as object), ...header } })
  }
  return sent
}

/** Percent-encoding, also of unpaired surrogates (as the bytes of their WTF-8 form: not UTF-8). */
function encoded(text: string): string {
  let out = ''
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    out +=
      code >= 0xd800 && code <= 0xdfff
        ? `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`
        : encodeURIComponent(char)
  }
  return out
}

function replaceStrings(value: unknown, replacement: string): unknown {
  if (typeof value === 'string') return replacement
  if (Array.isArray(value)) return value.map((item) => replaceStrings(item, replacement))
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, replaceStrings(item, replacement)]),
    )
  }
  return value
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return JSON.stringify((text ?? String(value)).slice(0, 24))
}

/** For a 5xx: the error the server logged for that request (kind and where, never values). */
function causeOf(response: LightMyRequestResponse): string {
  const id = response.headers['x-request-id']
  const line = t.logs.find(
    (entry) => entry.includes(`"reqId":"${id}"`) && entry.includes('unhandled'),
  )
  if (!line) return response.body.slice(0, 200)
  const logged = JSON.parse(line) as { errorType?: string; errorCode?: string; stack?: string }
  return `${logged.errorType} ${logged.errorCode ?? ''} ${logged.stack?.split('\n').slice(0, 3).join(' | ')}`
}

/** The contract's error body, with nothing else at the top. */
function hasErrorShape(response: LightMyRequestResponse): boolean {
  try {
    const body = response.json() as { error?: { code?: unknown; message?: unknown } }
    return (
      Object.keys(body).length === 1 &&
      typeof body.error?.code === 'string' &&
      typeof body.error?.message === 'string'
    )
  } catch {
    return false
  }
}

/** The role whose baseline request is not refused for lack of sign-in or permission. */
async function roleFor(operation: Operation): Promise<Role | undefined> {
  if (operation.path === '/api/v1/auth/logout') return undefined
  for (const role of ROLES) {
    const response = await call(t.app, {
      method: operation.method as 'GET',
      url: urlOf(operation, {}),
      cookie: sessions.get(role),
    })
    if (![401, 403].includes(response.statusCode)) return role
  }
  return undefined
}

describeSuite()

function describeSuite(): void {
  const findings: Finding[] = []
  let total = 0
  let reached = 0

  describe('bad input never answers 5xx (OPS-3)', () => {
    afterAll(() => {
      // The number the issue asks for: requests sent and answers of 5xx.
      process.stdout.write(
        `OpenAPI fuzz: ${total} requests, ${reached} past sign-in and permission, ${findings.filter((f) => f.status >= 500).length} answers of 5xx\n`,
      )
    })

    it('every OpenAPI operation, at least 5,000 malformed requests: 0 answers of 5xx, every refusal in the error body', async () => {
      const document = (await call(t.app, { url: '/api/openapi.json' })).json()
      const operations = operationsOf(document).filter((operation) =>
        // FUZZ_ONLY=<regex> narrows a local run to some paths while chasing a finding.
        new RegExp(process.env.FUZZ_ONLY ?? '').test(`${operation.method} ${operation.path}`),
      )
      if (!process.env.FUZZ_ONLY) expect(operations.length).toBeGreaterThan(50)
      for (const operation of operations) {
        const role = await roleFor(operation)
        const cookie = role ? sessions.get(role) : undefined
        for (const { label, options } of requestsFor(operation)) {
          const response = await call(t.app, {
            ...options,
            // Sign-in fuzzing comes from addresses of its own, not to rate-limit the rest.
            remoteAddress: `198.51.100.${total % 250}`,
            cookie,
          } as InjectOptions & { cookie?: string })
          total++
          if (![401, 403].includes(response.statusCode)) reached++
          if (response.statusCode >= 500) {
            findings.push({ label, status: response.statusCode, body: causeOf(response) })
          } else if (response.statusCode >= 400 && !hasErrorShape(response)) {
            findings.push({ label, status: response.statusCode, body: response.body.slice(0, 200) })
          }
        }
      }
      // The console's page paths share the port (UI-1): names too long for a file, files used
      // as directories, escapes and traversal. Only where the console is built (else 503 by design).
      if (!process.env.FUZZ_ONLY && existsSync(path.join(WEB_DIST, 'index.html'))) {
        for (const url of CONSOLE_PATHS) {
          for (const method of ['GET', 'HEAD', 'POST'] as const) {
            const response = await call(t.app, { method, url })
            total++
            if (
              response.statusCode >= 500 ||
              (response.statusCode >= 400 && method !== 'HEAD' && !hasErrorShape(response))
            ) {
              findings.push({
                label: `${method} ${url.slice(0, 60)}`,
                status: response.statusCode,
                body: causeOf(response),
              })
            }
          }
        }
      }
      expect(findings).toEqual([])
      if (!process.env.FUZZ_ONLY) expect(total).toBeGreaterThanOrEqual(5_000)
      // The fuzzing reached the validation and the handlers, not only the access check.
      expect(reached / total).toBeGreaterThan(0.8)
    })

    it('answers the issue’s cases in the error body: NUL at sign-in and in a path, an empty PATCH, bad and overlong URLs', async () => {
      const cases: [InjectOptions, number, string][] = [
        [
          {
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { username: 'admin\u0000', password: 'x' },
          },
          400,
          'VALIDATION_FAILED',
        ],
        [{ method: 'GET', url: '/%00' }, 400, 'VALIDATION_FAILED'],
        [{ method: 'GET', url: '/%zz' }, 400, 'BAD_REQUEST'],
        [{ method: 'GET', url: '/api/v1/customers/%E0%A4%A' }, 400, 'BAD_REQUEST'],
      ]
      for (const [options, status, code] of cases) {
        const response = await call(t.app, options)
        expect(response.statusCode, options.url as string).toBe(status)
        expect(response.json().error.code).toBe(code)
      }
      for (const [url, role] of [
        [`/api/v1/purposes/${known.purpose}`, 'secadmin'],
        [`/api/v1/retention/policies/${known.policy}`, 'compliance'],
        [`/api/v1/departments/${known.department}`, 'sysadmin'],
        [`/api/v1/customers/${known.customer}`, 'manager'],
      ] as const) {
        const response = await call(t.app, {
          method: 'PATCH',
          url,
          cookie: sessions.get(role),
          payload: {},
          headers: { 'accept-language': 'en' },
        })
        expect(response.statusCode, url).toBe(400)
        expect(response.json()).toEqual({
          error: {
            code: 'NOTHING_TO_CHANGE',
            message: 'Say what to change: the request changes nothing.',
          },
        })
      }
      // A change to the values already stored reaches the database as an UPDATE without
      // columns: refused there as well, whatever the route (db/refuse-empty-update.ts).
      const secadmin = sessions.get('secadmin')
      const purpose = await call(t.app, { url: '/api/v1/purposes', cookie: secadmin })
      const current = (purpose.json().items as { code: string; nameEn: string }[]).find(
        (item) => item.code === known.purpose,
      )
      const same = await call(t.app, {
        method: 'PATCH',
        url: `/api/v1/purposes/${known.purpose}`,
        cookie: secadmin,
        payload: { nameEn: current?.nameEn },
      })
      expect(same.statusCode, same.body).toBe(400)
      expect(same.json().error.code).toBe('NOTHING_TO_CHANGE')
    })

    it('answers headers too large (431) and requests that are not HTTP in the error body, over a real connection', async () => {
      await t.app.listen({ host: '127.0.0.1', port: 0 })
      const { port } = t.app.server.address() as AddressInfo
      const raw = (path: string, headers: Record<string, string>) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const request = httpRequest({ host: '127.0.0.1', port, path, headers }, (response) => {
            let body = ''
            response.setEncoding('utf8')
            response.on('data', (chunk) => {
              body += chunk
            })
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
          })
          request.on('error', reject)
          request.end()
        })
      const manyHeaders = Object.fromEntries(
        Array.from({ length: 400 }, (_, i) => [`x-fuzz-${i}`, 'y'.repeat(100)]),
      )
      for (const [path, headers] of [
        ['/api/v1/me', manyHeaders],
        [`/api/v1/customers?q=${'a'.repeat(20_000)}`, {}],
        [`/${'a'.repeat(20_000)}`, {}],
      ] as const) {
        const answer = await raw(path, headers)
        expect(answer.status).toBe(431)
        expect(JSON.parse(answer.body)).toEqual({
          error: { code: 'HEADERS_TOO_LARGE', message: '请求头过大。' },
        })
      }
      // Not HTTP at all: Node's parser refuses it, still in the error body.
      const garbage = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write('HELLO \u0000 WORLD\r\n\r\n'))
        let received = ''
        socket.setEncoding('utf8')
        socket.on('data', (chunk) => {
          received += chunk
        })
        socket.on('end', () => resolve(received))
        socket.on('error', reject)
      })
      expect(garbage).toMatch(/^HTTP\/1\.1 400 /)
      expect(JSON.parse(garbage.slice(garbage.indexOf('\r\n\r\n') + 4))).toEqual({
        error: { code: 'BAD_REQUEST', message: '请求格式不正确。' },
      })
    })
  })
}
