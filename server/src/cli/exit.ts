import { readFile } from 'node:fs/promises'
import { ConfigError } from '../config.js'
import { DataDirBusyError } from '../platform/data-dir-lock.js'
import { AppError, ERRORS, FIELD_MESSAGES } from '../platform/errors.js'

/** CONTRACT.md exit codes: 0 success, 1 a failed check, 2 bad usage. */
export const EXIT_OK = 0
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2

export class UsageError extends Error {}

/** Runs a command body and turns what it throws into one clear line and an exit code. */
export async function runCommand(body: () => Promise<number | undefined>): Promise<never> {
  let code: number
  try {
    code = (await body()) ?? EXIT_OK
  } catch (error) {
    code = report(error)
  }
  process.exit(code)
}

function report(error: unknown): number {
  if (error instanceof ConfigError || error instanceof UsageError) {
    process.stderr.write(`custodia: ${error.message}\n`)
    return EXIT_USAGE
  }
  if (error instanceof DataDirBusyError) {
    process.stderr.write(`custodia: ${error.message}\n`)
    return EXIT_FAILED
  }
  if (error instanceof AppError) {
    const fields = error.fields
      ? ` (${Object.entries(error.fields)
          .map(([field, key]) => `${field}: ${FIELD_MESSAGES[key].en}`)
          .join('; ')})`
      : ''
    process.stderr.write(`custodia: ${ERRORS[error.code].en}${fields}\n`)
    return error.status < 500 ? EXIT_USAGE : EXIT_FAILED
  }
  process.stderr.write(`custodia: ${error instanceof Error ? error.message : String(error)}\n`)
  return EXIT_FAILED
}

/** Reads a file named by an option; one that is not there is bad usage, said plainly. */
export async function readOptionFile(file: string, option: string): Promise<Buffer> {
  try {
    return await readFile(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UsageError(`${option}: no such file: ${file}`)
    throw error
  }
}
