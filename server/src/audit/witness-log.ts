import { hash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open } from 'node:fs/promises'
import path from 'node:path'
import { type Checkpoint, type CheckpointVerifier, checkpointSignatureValid } from './checkpoint.js'

/**
 * The witness log (AUD-2): every checkpoint this installation signs is also
 * appended to a file outside the database, so that a database superuser who
 * deletes checkpoints and rewrites, truncates or wipes the trail is caught by
 * `custodia audit verify`. Each line is one JSON object that carries the
 * SHA-256 of the line before it, so lines cannot be removed or changed
 * unnoticed either; the format is in docs/audit-format.md.
 *
 * `signed` lines were signed by the process that wrote them; `observed` lines
 * were found in the database, signed by another server sharing it (or by this
 * one before a crash cut its append short), and recorded before the writer
 * appended its own.
 */
export const WITNESS_FORMAT = 'custodia-audit-witness/v1'
export const WITNESS_START = '0'.repeat(64)

export type WitnessSource = 'signed' | 'observed'

export type WitnessEntry = Checkpoint & {
  /** 1-based line number in the file. */
  line: number
  source: WitnessSource
  /** SHA-256 (hex) of this line's text, without its newline: the next line's `prev`. */
  hash: string
}

export type WitnessLog = {
  file: string
  /** The last entry; null when the log is empty or absent. */
  head(): Promise<WitnessEntry | null>
  /** Appends, chained to the current last line, with O_APPEND and fsync. */
  append(entries: { checkpoint: Checkpoint; source: WitnessSource }[]): Promise<void>
}

export class WitnessLogError extends Error {}

export function openWitnessLog(file: string): WitnessLog {
  return {
    file,
    head: () => readHead(file),
    append: (entries) => appendEntries(file, entries),
  }
}

function lineText(prev: string, checkpoint: Checkpoint, source: WitnessSource): string {
  // Keys in a fixed order: the line's text is what the next line's hash covers.
  return JSON.stringify({
    format: WITNESS_FORMAT,
    prev,
    size: checkpoint.size,
    chainHash: checkpoint.chainHash.toString('hex'),
    signedAt: checkpoint.signedAt.toISOString(),
    keyId: checkpoint.keyId,
    signature: checkpoint.signature.toString('base64'),
    source,
  })
}

function lineHash(text: string): string {
  return hash('sha256', text, 'hex')
}

type ParsedLine = Checkpoint & { prev: string; source: WitnessSource }

function parseLine(text: string): ParsedLine | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  if (
    v.format !== WITNESS_FORMAT ||
    typeof v.prev !== 'string' ||
    !/^[0-9a-f]{64}$/.test(v.prev) ||
    typeof v.size !== 'number' ||
    !Number.isSafeInteger(v.size) ||
    v.size < 1 ||
    typeof v.chainHash !== 'string' ||
    !/^[0-9a-f]{64}$/.test(v.chainHash) ||
    typeof v.signedAt !== 'string' ||
    Number.isNaN(Date.parse(v.signedAt)) ||
    typeof v.keyId !== 'string' ||
    typeof v.signature !== 'string' ||
    (v.source !== 'signed' && v.source !== 'observed')
  )
    return null
  return {
    prev: v.prev,
    size: v.size,
    chainHash: Buffer.from(v.chainHash, 'hex'),
    signedAt: new Date(v.signedAt),
    keyId: v.keyId,
    signature: Buffer.from(v.signature, 'base64'),
    source: v.source,
  }
}

/** Reads the last line by reading backwards from the end: the log grows without bound. */
async function readHead(file: string): Promise<WitnessEntry | null> {
  let handle: Awaited<ReturnType<typeof open>>
  try {
    handle = await open(file, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  try {
    const { size } = await handle.stat()
    if (size === 0) return null
    for (let window = 4096; ; window *= 2) {
      const length = Math.min(window, size)
      const buffer = Buffer.alloc(length)
      await handle.read(buffer, 0, length, size - length)
      if (buffer[length - 1] !== 0x0a)
        throw new WitnessLogError(
          `the witness log ${file} ends in an interrupted line; it must be checked before anything is appended`,
        )
      const start = buffer.lastIndexOf(0x0a, length - 2)
      if (start === -1 && length < size) continue
      const text = buffer.subarray(start + 1, length - 1).toString('utf8')
      const parsed = parseLine(text)
      if (!parsed) throw new WitnessLogError(`the last line of the witness log ${file} is not one`)
      // Line numbers are only needed when the whole log is read (verification).
      return { ...parsed, line: 0, hash: lineHash(text) }
    }
  } finally {
    await handle.close()
  }
}

async function appendEntries(
  file: string,
  entries: { checkpoint: Checkpoint; source: WitnessSource }[],
): Promise<void> {
  if (entries.length === 0) return
  let prev = (await readHead(file))?.hash ?? WITNESS_START
  let text = ''
  for (const { checkpoint, source } of entries) {
    const line = lineText(prev, checkpoint, source)
    text += `${line}\n`
    prev = lineHash(line)
  }
  const dir = path.dirname(file)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  // 'a' is O_WRONLY | O_CREAT | O_APPEND: the file is only ever extended.
  const handle = await open(file, 'a', 0o600)
  try {
    await handle.write(text)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

export type WitnessReadProblem =
  | 'witness_missing'
  | 'witness_unreadable'
  | 'witness_malformed'
  | 'witness_chain_broken'
  | 'witness_bad_signature'
  | 'witness_out_of_order'

export type WitnessRead =
  | { ok: true; entries: WitnessEntry[] }
  | { ok: false; problem: WitnessReadProblem; line: number }

/**
 * Reads and checks the whole log: every line well formed, chained to the one
 * before, signed by the pinned key, and each checkpoint further along the
 * trail than the one before.
 */
export async function readWitnessLog(
  file: string,
  verifier: CheckpointVerifier,
): Promise<WitnessRead> {
  const entries: WitnessEntry[] = []
  let prev = WITNESS_START
  let lastSize = 0
  let lineNumber = 0
  let rest = ''
  let failure: WitnessRead | null = null
  const check = (text: string): WitnessRead | null => {
    lineNumber += 1
    const parsed = parseLine(text)
    if (!parsed) return { ok: false, problem: 'witness_malformed', line: lineNumber }
    if (parsed.prev !== prev)
      return { ok: false, problem: 'witness_chain_broken', line: lineNumber }
    if (!checkpointSignatureValid(verifier, parsed))
      return { ok: false, problem: 'witness_bad_signature', line: lineNumber }
    if (parsed.size <= lastSize)
      return { ok: false, problem: 'witness_out_of_order', line: lineNumber }
    prev = lineHash(text)
    lastSize = parsed.size
    entries.push({ ...parsed, line: lineNumber, hash: prev })
    return null
  }
  try {
    const stream = createReadStream(file, { encoding: 'utf8' })
    for await (const chunk of stream as AsyncIterable<string>) {
      const lines = (rest + chunk).split('\n')
      rest = lines.pop() ?? ''
      for (const text of lines) {
        failure ??= check(text)
        if (failure) break
      }
      if (failure) {
        stream.destroy()
        break
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { ok: false, problem: 'witness_missing', line: 0 }
    return { ok: false, problem: 'witness_unreadable', line: 0 }
  }
  if (failure) return failure
  // A last line without its newline is an interrupted write: not part of the log, and not accepted.
  if (rest !== '') return { ok: false, problem: 'witness_malformed', line: lineNumber + 1 }
  return { ok: true, entries }
}

/**
 * Creates an empty log if there is none, so that a fresh installation
 * verifies before its first checkpoint. An existing log is never touched.
 */
export async function ensureWitnessLog(file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
  const handle = await open(file, 'a', 0o600)
  await handle.close()
}
