import { execFile } from 'node:child_process'
import { generateKeyPairSync, sign } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NO_REQUEST, recordAuditEvents } from '../../server/src/audit/audit-log.js'
import { leafHash, linkHash } from '../../server/src/audit/chain.js'
import { checkpointHead, sealAll } from '../../server/src/audit/sealer.js'
import { type CheckpointSigner, withWitness } from '../../server/src/audit/signing-key.js'
import { openWitnessLog } from '../../server/src/audit/witness-log.js'
import { createStaff, signInAs } from '../../server/test/factories.js'
import { call, createTestApp, type TestApp } from '../../server/test/test-app.js'

/**
 * The standalone verifier (AUD-2), run as an auditor would: a child process
 * given only the files of an export from a real server and the pinned public
 * key. It accepts the untouched export and rejects every tampered copy.
 */
const VERIFIER = path.resolve(import.meta.dirname, 'verify-audit-export.mjs')

type Run = { code: number; stdout: string; stderr: string }
function verifier(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [VERIFIER, ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

type Checkpoint = {
  format: string
  size: number
  chainHash: string
  signedAt: string
  keyId: string
  signature: string
  publicKey: string
}
type Event = { seq: number | null; action: string; canonical: string; [key: string]: unknown }
type Exported = {
  events: { items: Event[]; count: number; [key: string]: unknown }
  checkpoints: { items: Checkpoint[]; [key: string]: unknown }
}

let t: TestApp
let dir: string
let signer: CheckpointSigner
let exported: Exported
let pinnedKey: string
let witnessFile: string

beforeAll(async () => {
  t = await createTestApp()
  dir = await mkdtemp(path.join(tmpdir(), 'custodia-verify-export-'))
  witnessFile = path.join(dir, 'witness.log')
  signer = withWitness(t.deps.auditSigner, openWitnessLog(witnessFile))
  const auditor = await signInAs(t.app, await createStaff(t.deps, ['auditor']))
  // Enough events for the exports to span several pages.
  await t.deps.db.transaction().execute((trx) =>
    recordAuditEvents(
      trx,
      t.clock.now(),
      NO_REQUEST,
      Array.from({ length: 2500 }, (_, i) => ({
        actor: { type: 'system' as const, name: 'load' },
        action: 'test.bulk',
        target: { type: 'customer', id: `c-${i}` },
        fields: i % 2 ? ['mobile'] : [],
        details: { i, note: i % 3 ? 'a "quoted", multi\nline' : null },
      })),
    ),
  )
  await sealAll(t.deps.db, signer, t.clock, {
    batchSize: 1000,
    checkpointEvery: 700,
    checkpointAfterMs: 60_000,
  })
  await checkpointHead(t.deps.db, signer, t.clock)
  const checkpoints = await call(t.app, { url: '/api/v1/audit/checkpoints', cookie: auditor })
  expect(checkpoints.statusCode).toBe(200)
  const events = await call(t.app, {
    url: '/api/v1/audit/events/export?format=json',
    cookie: auditor,
  })
  expect(events.statusCode).toBe(200)
  exported = { events: JSON.parse(events.body), checkpoints: JSON.parse(checkpoints.body) }
  const key = await call(t.app, { url: '/api/v1/audit/public-key' })
  pinnedKey = path.join(dir, 'pinned.pem')
  await writeFile(pinnedKey, key.json().publicKey)
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

let copies = 0
async function run(
  copy: Exported,
  extra: string[] = [],
  files: { events?: string; checkpoints?: string } = {},
): Promise<Run> {
  copies += 1
  const events = path.join(dir, `events-${copies}.json`)
  const checkpoints = path.join(dir, `checkpoints-${copies}.json`)
  await writeFile(events, files.events ?? JSON.stringify(copy.events))
  await writeFile(checkpoints, files.checkpoints ?? JSON.stringify(copy.checkpoints))
  return verifier([
    '--public-key',
    pinnedKey,
    '--events',
    events,
    '--checkpoints',
    checkpoints,
    ...extra,
  ])
}

const clone = (): Exported => structuredClone(exported)
const sealed = (copy: Exported) => copy.events.items.filter((e) => e.seq !== null)

/** What someone with their own key would do: recompute every link and re-sign every checkpoint. */
function resign(copy: Exported, privateKey: ReturnType<typeof generateKeyPairSync>['privateKey']) {
  let chain = Buffer.alloc(32)
  const chainAt = new Map<number, string>()
  for (const event of sealed(copy)) {
    chain = linkHash(chain, leafHash(event.canonical))
    chainAt.set(event.seq as number, chain.toString('hex'))
  }
  for (const c of copy.checkpoints.items) {
    c.chainHash = chainAt.get(c.size) ?? c.chainHash
    c.signature = sign(
      null,
      Buffer.from(`custodia/audit-checkpoint/v1\n${c.size}\n${c.chainHash}\n${c.signedAt}\n`),
      privateKey,
    ).toString('base64')
  }
}

describe('the standalone verifier of an audit export (AUD-2)', () => {
  it('exports every event and every checkpoint, and accepts the untouched export with the pinned key', async () => {
    expect(sealed(exported).length).toBeGreaterThan(2500)
    expect(exported.events.count).toBe(exported.events.items.length)
    expect(exported.checkpoints.items.length).toBeGreaterThan(3)
    const result = await run(exported)
    expect(result.stdout + result.stderr).toMatch(/^OK: positions 1\.\./)
    expect(result.code).toBe(0)
    const withWitnessLog = await run(exported, ['--witness', witnessFile, '--require-covered'])
    expect(withWitnessLog.stdout).toMatch(/kept checkpoints present/)
    expect(withWitnessLog.code).toBe(0)
  })

  it('rejects a changed field, a changed canonical text, a deleted event, reordered events and a truncated tail', async () => {
    const changedField = clone()
    ;(sealed(changedField)[10] as Event).action = 'test.innocent'
    expect(await run(changedField)).toMatchObject({ code: 1, stdout: /FAILED at position 11/ })

    const changedBoth = clone()
    const target = sealed(changedBoth)[20] as Event
    target.canonical = target.canonical.replace('"test.bulk"', '"test.other"')
    target.action = 'test.other'
    expect(await run(changedBoth)).toMatchObject({ code: 1, stdout: /FAILED at position 700/ })

    const deleted = clone()
    deleted.events.items.splice(5, 1)
    deleted.events.count -= 1
    expect(await run(deleted)).toMatchObject({ code: 1, stdout: /FAILED at position 6/ })

    const reordered = clone()
    const items = reordered.events.items
    ;[items[7], items[8]] = [items[8] as Event, items[7] as Event]
    expect(await run(reordered)).toMatchObject({ code: 1, stdout: /FAILED at position 8/ })

    const truncated = clone()
    truncated.events.items = sealed(truncated).slice(0, 1500)
    truncated.events.count = 1500
    expect(await run(truncated)).toMatchObject({ code: 1, stdout: /tail is missing/ })

    // Cut consistently in both files, it is caught by the witness log the auditor kept.
    const cutBoth = clone()
    cutBoth.events.items = sealed(cutBoth).slice(0, 1400)
    cutBoth.events.count = 1400
    cutBoth.checkpoints.items = cutBoth.checkpoints.items.filter((c) => c.size <= 1400)
    expect((await run(cutBoth)).code).toBe(0)
    expect(await run(cutBoth, ['--witness', witnessFile])).toMatchObject({
      code: 1,
      stdout: /missing from the export/,
    })

    const cutOff = JSON.stringify(exported.events)
    expect(
      (await run(exported, [], { events: cutOff.slice(0, Math.floor(cutOff.length / 2)) })).code,
    ).toBe(1)
  })

  it('rejects checkpoints re-signed under another key, and a checkpoint that carries another public key', async () => {
    const other = generateKeyPairSync('ed25519')
    const otherPem = other.publicKey.export({ type: 'spki', format: 'pem' }).toString()

    const forged = clone()
    const victim = sealed(forged)[30] as Event
    victim.canonical = victim.canonical.replace('"test.bulk"', '"test.other"')
    victim.action = 'test.other'
    resign(forged, other.privateKey)
    for (const c of forged.checkpoints.items) c.publicKey = otherPem
    forged.checkpoints.publicKey = otherPem
    expect(await run(forged)).toMatchObject({ code: 1, stdout: /FAILED at position/ })

    const swapped = clone()
    ;(swapped.checkpoints.items[1] as Checkpoint).publicKey = otherPem
    expect(await run(swapped)).toMatchObject({
      code: 1,
      stdout: /public key other than the pinned one/,
    })
  })

  it('rejects bad usage with exit 2', async () => {
    expect((await verifier(['--events', 'x'])).code).toBe(2)
    expect((await verifier(['--frobnicate'])).code).toBe(2)
  })
})
