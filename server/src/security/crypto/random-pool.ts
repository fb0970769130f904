import { randomFillSync } from 'node:crypto'

/**
 * Random bytes for nonces and data keys, drawn from the operating system's
 * CSPRNG in 64 KiB refills rather than one call per value: sealing a
 * customer takes a dozen nonces, and each call into the CSPRNG costs more
 * than the encryption itself. Every byte is handed out once and copied out,
 * so no two callers ever share bytes.
 */
const POOL_BYTES = 64 * 1024
const pool = Buffer.alloc(POOL_BYTES)
let offset = POOL_BYTES

export function randomBytesFromPool(size: number): Buffer {
  if (size > POOL_BYTES) throw new RangeError('request larger than the random pool')
  if (offset + size > POOL_BYTES) {
    randomFillSync(pool)
    offset = 0
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + size))
  // Wipe what was handed out, so the pool never holds a key already in use.
  pool.fill(0, offset, offset + size)
  offset += size
  return bytes
}
