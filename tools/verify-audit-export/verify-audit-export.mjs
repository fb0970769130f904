#!/usr/bin/env node
// Standalone verifier of a Custodia audit export, written from
// docs/audit-format.md alone. It imports nothing but Node's built-ins and
// trusts nothing but the public key it is given (pinned by the auditor).
//
//   node verify-audit-export.mjs --public-key pinned.pem --checkpoints checkpoints.json \
//     --events events.json [--witness witness.log] [--checkpoint kept.json] [--require-covered]
//
// Exit 0: verified. Exit 1: the export fails verification. Exit 2: bad usage.

import { createHash, createPublicKey, verify } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { isDeepStrictEqual, parseArgs } from 'node:util'

class Failure extends Error {
  constructor(position, reason) {
    super(reason)
    this.position = position
  }
}
class Usage extends Error {}

const CHAIN_START = Buffer.alloc(32)
const WITNESS_START = '0'.repeat(64)
const HEX64 = /^[0-9a-f]{64}$/

function sha256(...parts) {
  const h = createHash('sha256')
  for (const part of parts) h.update(part)
  return h.digest()
}

function readText(file, what) {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    throw new Usage(`cannot read the ${what} ${file}`)
  }
}

function readJson(file, what) {
  try {
    return JSON.parse(readText(file, what))
  } catch (error) {
    if (error instanceof Usage) throw error
    throw new Failure(0, `the ${what} ${file} is not valid JSON (cut off?)`)
  }
}

// --- the pinned key -------------------------------------------------------

function pinnedKey(file) {
  let key
  try {
    key = createPublicKey(readText(file, 'public key'))
  } catch (error) {
    if (error instanceof Usage) throw error
    throw new Usage(`${file} is not a PEM public key`)
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Usage(`${file} is not an Ed25519 key`)
  const der = key.export({ type: 'spki', format: 'der' })
  return { key, der, keyId: sha256(der).toString('hex').slice(0, 16) }
}

function sameKey(pem, pinned) {
  try {
    return createPublicKey(pem).export({ type: 'spki', format: 'der' }).equals(pinned.der)
  } catch {
    return false
  }
}

// --- checkpoints -----------------------------------------------------------

function signedMessage(size, chainHashHex, signedAt) {
  return Buffer.from(
    `custodia/audit-checkpoint/v1\n${size}\n${chainHashHex}\n${signedAt}\n`,
    'utf8',
  )
}

function checkCheckpoint(c, pinned, where) {
  if (
    typeof c !== 'object' ||
    c === null ||
    !Number.isSafeInteger(c.size) ||
    c.size < 1 ||
    typeof c.chainHash !== 'string' ||
    !HEX64.test(c.chainHash) ||
    typeof c.signedAt !== 'string' ||
    typeof c.signature !== 'string'
  )
    throw new Failure(c?.size ?? 0, `${where} is not a checkpoint`)
  if (c.keyId !== pinned.keyId)
    throw new Failure(c.size, `${where} names key ${c.keyId}, not the pinned key ${pinned.keyId}`)
  if (c.publicKey !== undefined && !sameKey(c.publicKey, pinned))
    throw new Failure(c.size, `${where} carries a public key other than the pinned one`)
  const signature = Buffer.from(c.signature, 'base64')
  if (!verify(null, signedMessage(c.size, c.chainHash, c.signedAt), pinned.key, signature))
    throw new Failure(c.size, `${where} is not signed by the pinned key`)
}

function readCheckpoints(file, pinned) {
  const doc = readJson(file, 'checkpoints export')
  if (doc?.format !== 'custodia-audit-checkpoints/v1' || !Array.isArray(doc.items))
    throw new Failure(0, `${file} is not a Custodia checkpoints export`)
  if (doc.publicKey !== undefined && !sameKey(doc.publicKey, pinned))
    throw new Failure(0, 'the checkpoints export names a public key other than the pinned one')
  const bySize = new Map()
  let previous = 0
  for (const c of doc.items) {
    if (c?.format !== 'custodia-audit-checkpoint/v1')
      throw new Failure(c?.size ?? 0, 'an item of the checkpoints export is not a checkpoint')
    checkCheckpoint(c, pinned, `the checkpoint at ${c.size}`)
    if (c.size <= previous)
      throw new Failure(c.size, 'checkpoints are not in increasing order of size')
    previous = c.size
    bySize.set(c.size, c)
  }
  return bySize
}

// --- events ----------------------------------------------------------------

/** The canonical text must say what the event's fields say (docs/audit-format.md). */
function checkCanonical(event, position) {
  let values
  try {
    values = JSON.parse(event.canonical)
  } catch {
    throw new Failure(position, 'the canonical text is not JSON')
  }
  if (!Array.isArray(values) || values.length !== 17 || values[0] !== 'v1')
    throw new Failure(position, 'the canonical text is not a v1 event')
  const ms = Date.parse(event.occurredAt)
  const same = [
    values[1] === event.id,
    Number.isSafeInteger(values[2]) && Math.floor(values[2] / 1000) === ms,
    values[3] === event.actor?.type,
    values[4] === event.actor?.id,
    values[5] === event.actor?.name,
    values[6] === event.action,
    values[7] === (event.target?.type ?? null),
    values[8] === (event.target?.id ?? null),
    isDeepStrictEqual(values[9] ?? [], event.fields),
    values[10] === event.purpose,
    values[11] === event.outcome,
    values[12] === event.reason,
    values[13] === event.requestId,
    values[14] === event.sourceIp,
    values[15] === event.userAgent,
    isDeepStrictEqual(values[16], event.details),
  ]
  const differs = same.indexOf(false)
  if (differs !== -1)
    throw new Failure(
      position,
      `the event's fields differ from its canonical text (element ${differs + 1})`,
    )
}

function readEvents(file) {
  const doc = readJson(file, 'events export')
  if (doc?.format !== 'custodia-audit-events/v1' || !Array.isArray(doc.items))
    throw new Failure(0, `${file} is not a Custodia events export`)
  if (doc.complete !== true)
    throw new Failure(0, 'the events export is filtered (complete: false) and cannot be verified')
  if (doc.count !== undefined && doc.count !== doc.items.length)
    throw new Failure(0, `the events export says ${doc.count} events but holds ${doc.items.length}`)
  const sealed = []
  const unsealed = []
  for (const event of doc.items) {
    if (typeof event?.canonical !== 'string') throw new Failure(0, 'an event has no canonical text')
    if (event.seq === null) unsealed.push(event)
    else if (unsealed.length > 0)
      throw new Failure(event.seq, 'a sealed event follows events not sealed yet')
    else sealed.push(event)
  }
  return { sealed, unsealed }
}

// --- the witness log -------------------------------------------------------

function readWitness(file, pinned) {
  const text = readText(file, 'witness log')
  if (text !== '' && !text.endsWith('\n'))
    throw new Failure(0, 'the witness log ends in an interrupted line')
  const lines = text === '' ? [] : text.slice(0, -1).split('\n')
  const entries = []
  let prev = WITNESS_START
  let previous = 0
  lines.forEach((line, i) => {
    let entry
    try {
      entry = JSON.parse(line)
    } catch {
      throw new Failure(0, `witness log line ${i + 1} is not JSON`)
    }
    if (entry?.format !== 'custodia-audit-witness/v1')
      throw new Failure(0, `witness log line ${i + 1} is not a witness entry`)
    if (entry.prev !== prev) throw new Failure(0, `witness log line ${i + 1} breaks the chain`)
    checkCheckpoint(entry, pinned, `witness log line ${i + 1}`)
    if (entry.size <= previous)
      throw new Failure(entry.size, `witness log line ${i + 1} is out of order`)
    previous = entry.size
    prev = sha256(line).toString('hex')
    entries.push(entry)
  })
  return entries
}

// --- verification -----------------------------------------------------------

function verifyExport(options) {
  const pinned = pinnedKey(options['public-key'])
  const checkpoints = readCheckpoints(options.checkpoints, pinned)
  const { sealed, unsealed } = readEvents(options.events)

  const first = sealed[0]?.seq ?? null
  let position = 0
  let chain = CHAIN_START
  if (first !== null && first > 1) {
    const base = checkpoints.get(first - 1)
    if (!base)
      throw new Failure(
        first,
        `the trail starts at ${first} but no checkpoint has size ${first - 1}`,
      )
    chain = Buffer.from(base.chainHash, 'hex')
  }
  if (first !== null) position = first - 1
  let verifiedCheckpoints = 0
  for (const event of sealed) {
    const expected = position + 1
    if (event.seq !== expected)
      throw new Failure(
        expected,
        `position ${expected} is missing or out of order (found ${event.seq})`,
      )
    checkCanonical(event, expected)
    const leaf = sha256(Buffer.from([0x00]), Buffer.from(event.canonical, 'utf8'))
    chain = sha256(Buffer.from([0x01]), chain, leaf)
    position = expected
    const checkpoint = checkpoints.get(position)
    if (checkpoint) {
      if (checkpoint.chainHash !== chain.toString('hex'))
        throw new Failure(position, `the chain does not reach the checkpoint at ${position}`)
      verifiedCheckpoints += 1
    }
  }
  const sizes = [...checkpoints.keys()]
  const last = sizes.at(-1) ?? 0
  if (last > position)
    throw new Failure(
      position + 1,
      `the events end at ${position} but a checkpoint covers ${last}: the tail is missing`,
    )

  const kept = []
  if (options.witness)
    kept.push(...readWitness(options.witness, pinned).map((e) => ['witness log', e]))
  if (options.checkpoint) {
    const c = readJson(options.checkpoint, 'kept checkpoint')
    checkCheckpoint(c, pinned, 'the kept checkpoint')
    kept.push(['kept checkpoint', c])
  }
  for (const [source, c] of kept) {
    const present = checkpoints.get(c.size)
    if (!present)
      throw new Failure(
        c.size,
        `the checkpoint at ${c.size} of the ${source} is missing from the export`,
      )
    if (
      present.chainHash !== c.chainHash ||
      present.signature !== c.signature ||
      present.signedAt !== c.signedAt
    )
      throw new Failure(c.size, `the checkpoint at ${c.size} differs from the ${source}`)
  }

  // Sealed events after the last checkpoint, and events not sealed yet, are under no signature.
  const covered = Math.min(position, last)
  const uncovered = position - covered
  if (options['require-covered'] && uncovered > 0)
    throw new Failure(
      covered + 1,
      `${uncovered} sealed events are not covered by a signed checkpoint`,
    )
  const start = first === null ? 0 : first
  return {
    summary:
      `OK: positions ${start}..${covered} verified against ${verifiedCheckpoints} checkpoints of key ${pinned.keyId}` +
      (start > 1 ? ` (positions before ${start} pruned)` : '') +
      (kept.length > 0 ? `; all ${kept.length} kept checkpoints present` : '') +
      (uncovered > 0
        ? `; ${uncovered} later events not covered by a signature yet were not verified`
        : '') +
      (unsealed.length > 0 ? `; ${unsealed.length} events not sealed yet were not verified` : ''),
  }
}

function main() {
  let options
  try {
    ;({ values: options } = parseArgs({
      options: {
        'public-key': { type: 'string' },
        checkpoints: { type: 'string' },
        events: { type: 'string' },
        witness: { type: 'string' },
        checkpoint: { type: 'string' },
        'require-covered': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }))
    if (options.help) {
      process.stdout.write(
        'usage: verify-audit-export --public-key PEM --checkpoints FILE --events FILE [--witness FILE] [--checkpoint FILE] [--require-covered]\n',
      )
      return 0
    }
    for (const required of ['public-key', 'checkpoints', 'events'])
      if (!options[required]) throw new Usage(`--${required} is required`)
    const { summary } = verifyExport(options)
    process.stdout.write(`${summary}\n`)
    return 0
  } catch (error) {
    if (error instanceof Failure) {
      process.stdout.write(`FAILED at position ${error.position}: ${error.message}\n`)
      return 1
    }
    process.stderr.write(
      `verify-audit-export: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    return 2
  }
}

process.exitCode = main()
