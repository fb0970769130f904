import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { request as httpsRequest } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../test/cli-process.js'
import { createStaff, type Staff } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { ConfigError, loadConfig } from '../../config.js'

/**
 * OPS-3: with CUSTODIA_TLS_CERT_FILE and
 * CUSTODIA_TLS_KEY_FILE the server speaks HTTPS and sends HSTS; behind a
 * proxy listed in CUSTODIA_TRUST_PROXY it believes X-Forwarded-Proto (and
 * -For) from that proxy only; the session cookie is Secure on every HTTPS
 * request. The certificate is made here, self-signed, by openssl.
 */
let dir: string
let certFile: string
let keyFile: string
let otherKeyFile: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'custodia-tls-'))
  certFile = path.join(dir, 'cert.pem')
  keyFile = path.join(dir, 'key.pem')
  otherKeyFile = path.join(dir, 'other-key.pem')
  selfSigned(certFile, keyFile)
  selfSigned(path.join(dir, 'other-cert.pem'), otherKeyFile)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

function selfSigned(cert: string, key: string): void {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  )
}

type Answer = { status: number; headers: Record<string, string | string[] | undefined> }

function overHttps(
  port: number,
  ca: Buffer,
  method: string,
  urlPath: string,
  body?: unknown,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const request = httpsRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        ca,
        servername: 'localhost',
        headers: payload ? { 'content-type': 'application/json' } : {},
      },
      (response) => {
        response.resume()
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers }),
        )
      },
    )
    request.on('error', reject)
    request.end(payload)
  })
}

function sessionCookieHeader(headers: { 'set-cookie'?: unknown }): string {
  const cookies = [headers['set-cookie'] ?? []].flat().map(String)
  const session = cookies.find((cookie) => cookie.startsWith('custodia_session='))
  if (!session) throw new Error('no session cookie')
  return session
}

const isSecure = (setCookie: string) =>
  setCookie
    .split(';')
    .map((part) => part.trim().toLowerCase())
    .includes('secure')

describe('HTTPS (OPS-3)', () => {
  let t: TestApp
  let staff: Staff
  beforeAll(async () => {
    t = await createTestApp({ CUSTODIA_TLS_CERT_FILE: certFile, CUSTODIA_TLS_KEY_FILE: keyFile })
    staff = await createStaff(t.deps, ['agent'])
    await t.app.listen({ host: '127.0.0.1', port: 0 })
  })

  it('serves HTTPS with HSTS, and sets the session cookie Secure at sign-in', async () => {
    const { port } = t.app.server.address() as AddressInfo
    const ca = await readFile(certFile)
    const health = await overHttps(port, ca, 'GET', '/healthz')
    expect(health.status).toBe(200)
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')

    const signIn = await overHttps(port, ca, 'POST', '/api/v1/auth/login', {
      username: staff.username,
      password: staff.password,
    })
    expect(signIn.status).toBe(200)
    const cookie = sessionCookieHeader(signIn.headers)
    expect(isSecure(cookie)).toBe(true)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Strict/i)
    expect(signIn.headers['strict-transport-security']).toBeDefined()
  })
})

describe('plain HTTP and a TLS-terminating proxy (OPS-3)', () => {
  let t: TestApp
  let staff: Staff
  const PROXY = '10.20.30.40'
  beforeAll(async () => {
    t = await createTestApp({ CUSTODIA_TRUST_PROXY: `${PROXY},192.0.2.0/24` })
    staff = await createStaff(t.deps, ['agent'])
  })

  const signIn = (remoteAddress: string, headers: Record<string, string>) =>
    call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      headers,
      payload: { username: staff.username, password: staff.password },
    })

  it('over plain HTTP sends no HSTS (RFC 6797) and no Secure cookie', async () => {
    const response = await signIn('127.0.0.1', {})
    expect(response.statusCode).toBe(200)
    expect(response.headers['strict-transport-security']).toBeUndefined()
    expect(isSecure(sessionCookieHeader(response.headers))).toBe(false)
  })

  it('believes X-Forwarded-Proto and -For from a trusted proxy: Secure cookie, HSTS, the client address', async () => {
    const response = await signIn(PROXY, {
      'x-forwarded-proto': 'https',
      'x-forwarded-for': '203.0.113.7',
    })
    expect(response.statusCode).toBe(200)
    expect(isSecure(sessionCookieHeader(response.headers))).toBe(true)
    expect(response.headers['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    )
    // A CIDR entry counts too.
    const fromRange = await signIn('192.0.2.9', { 'x-forwarded-proto': 'https' })
    expect(isSecure(sessionCookieHeader(fromRange.headers))).toBe(true)
    const session = await t.deps.db
      .selectFrom('sessions')
      .select('source_ip')
      .where('account_id', '=', staff.id)
      .where('source_ip', '=', '203.0.113.7')
      .executeTakeFirst()
    expect(session).toBeDefined()
  })

  it('ignores X-Forwarded-* from any other address: a client cannot claim HTTPS or another address', async () => {
    const response = await signIn('10.20.30.41', {
      'x-forwarded-proto': 'https',
      'x-forwarded-for': '198.51.100.99',
    })
    expect(response.statusCode).toBe(200)
    expect(isSecure(sessionCookieHeader(response.headers))).toBe(false)
    expect(response.headers['strict-transport-security']).toBeUndefined()
    const spoofed = await t.deps.db
      .selectFrom('sessions')
      .select('source_ip')
      .where('source_ip', '=', '198.51.100.99')
      .executeTakeFirst()
    expect(spoofed).toBeUndefined()
  })
})

describe('TLS and proxy configuration', () => {
  const refusal = (env: Record<string, string>): ConfigError => {
    try {
      loadConfig(env)
    } catch (error) {
      if (error instanceof ConfigError) return error
      throw error
    }
    throw new Error('accepted')
  }

  it('takes both files or neither, readable PEM with the key of the certificate', async () => {
    expect(
      loadConfig({ CUSTODIA_TLS_CERT_FILE: certFile, CUSTODIA_TLS_KEY_FILE: keyFile }).tls,
    ).toEqual({ certFile, keyFile })
    expect(loadConfig({}).tls).toBeUndefined()
    const notPem = path.join(dir, 'not.pem')
    await writeFile(notPem, 'hello')
    const cases: [Record<string, string>, string][] = [
      [{ CUSTODIA_TLS_CERT_FILE: certFile }, 'CUSTODIA_TLS_KEY_FILE'],
      [{ CUSTODIA_TLS_KEY_FILE: keyFile }, 'CUSTODIA_TLS_CERT_FILE'],
      [
        { CUSTODIA_TLS_CERT_FILE: path.join(dir, 'missing.pem'), CUSTODIA_TLS_KEY_FILE: keyFile },
        'CUSTODIA_TLS_CERT_FILE',
      ],
      [
        { CUSTODIA_TLS_CERT_FILE: notPem, CUSTODIA_TLS_KEY_FILE: keyFile },
        'CUSTODIA_TLS_CERT_FILE',
      ],
      [
        { CUSTODIA_TLS_CERT_FILE: certFile, CUSTODIA_TLS_KEY_FILE: notPem },
        'CUSTODIA_TLS_KEY_FILE',
      ],
      [
        { CUSTODIA_TLS_CERT_FILE: keyFile, CUSTODIA_TLS_KEY_FILE: keyFile },
        'CUSTODIA_TLS_CERT_FILE',
      ],
      [
        { CUSTODIA_TLS_CERT_FILE: certFile, CUSTODIA_TLS_KEY_FILE: otherKeyFile },
        'CUSTODIA_TLS_KEY_FILE',
      ],
    ]
    for (const [env, variable] of cases) {
      const error = refusal(env)
      expect(error.variable, JSON.stringify(env)).toBe(variable)
      expect(error.message).not.toContain('\n')
      // The reason, never the content of a file.
      expect(error.message).not.toContain('-----BEGIN')
    }
  })

  it('takes a list of proxy addresses and CIDR ranges, and nothing else', () => {
    expect(loadConfig({}).trustProxy).toEqual([])
    expect(
      loadConfig({ CUSTODIA_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8' }).trustProxy,
    ).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8'])
    for (const value of ['true', '*', '10.0.0.0/33', 'proxy.example.com', '10.0.0.1/8/8']) {
      expect(refusal({ CUSTODIA_TRUST_PROXY: value }).variable).toBe('CUSTODIA_TRUST_PROXY')
    }
  })

  it('stops `custodia serve` with one line naming the variable when the key does not match', async () => {
    const run = await runCli(['serve'], {
      ...process.env,
      CUSTODIA_DATA_DIR: path.join(dir, 'data'),
      CUSTODIA_TLS_CERT_FILE: certFile,
      CUSTODIA_TLS_KEY_FILE: otherKeyFile,
      PORT: '0',
    })
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^custodia: Invalid configuration: CUSTODIA_TLS_KEY_FILE /),
    ])
  })
})
