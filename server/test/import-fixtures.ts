import { setTimeout } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import { call } from './test-app.js'

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

/** A valid resident ID number (GB 11643), a different one for each `i`, born in the 1980s. */
export function idNumberOf(i: number): string {
  const birth = new Date(Date.UTC(1980, 0, 1) + Math.floor(i / 1000) * 86_400_000)
  const body = `110105${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(i % 1000).padStart(3, '0')}`
  const sum = ID_WEIGHTS.reduce((total, w, k) => total + w * Number(body[k]), 0)
  return body + ('10X98765432'[sum % 11] as string)
}

/** A multipart form as a browser sends it: the options part, then the file. */
export function importForm(
  file: { name: string; bytes: Buffer | string },
  options?: Record<string, unknown>,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----custodia${Math.random().toString(16).slice(2)}`
  const parts: Buffer[] = []
  if (options) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="options"\r\n\r\n${JSON.stringify(options)}\r\n`,
      ),
    )
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.isBuffer(file.bytes) ? file.bytes : Buffer.from(file.bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  )
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}

export async function uploadFile(
  app: FastifyInstance,
  cookie: string,
  file: { name: string; bytes: Buffer | string },
  options?: Record<string, unknown>,
  language = 'zh-CN',
) {
  const form = importForm(file, options)
  return call(app, {
    method: 'POST',
    url: '/api/v1/imports',
    cookie,
    payload: form.payload,
    headers: { ...form.headers, 'accept-language': language },
  })
}

/** The import once it has left the busy states (the dry run or the run going on in the background). */
export async function settled(app: FastifyInstance, cookie: string, id: string) {
  for (;;) {
    const response = await call(app, { method: 'GET', url: `/api/v1/imports/${id}`, cookie })
    expect(response.statusCode, response.body).toBe(200)
    const view = response.json()
    if (view.state !== 'validating' && view.state !== 'importing') return view
    await setTimeout(50)
  }
}
