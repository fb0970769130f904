import { readFileSync } from 'node:fs'
import { createSecureContext } from 'node:tls'

export type TlsFiles = { certFile: string; keyFile: string }
export type TlsMaterial = { cert: Buffer; key: Buffer }

/**
 * Reads the certificate chain and private key (PEM) and proves they make a
 * usable TLS context: both parse, and the key belongs to the certificate.
 * Throws a short reason naming which file is wrong, never the file's content.
 */
export function readTlsFiles(files: TlsFiles): TlsMaterial {
  const cert = readPem(files.certFile, 'CERTIFICATE', 'CUSTODIA_TLS_CERT_FILE')
  const key = readPem(files.keyFile, 'PRIVATE KEY', 'CUSTODIA_TLS_KEY_FILE')
  try {
    createSecureContext({ cert, key })
  } catch {
    throw new TlsFileError(
      'CUSTODIA_TLS_KEY_FILE',
      'is not the private key of CUSTODIA_TLS_CERT_FILE, or one of them is not valid PEM',
    )
  }
  return { cert, key }
}

export class TlsFileError extends Error {
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`${variable} ${reason}`)
  }
}

function readPem(file: string, label: string, variable: string): Buffer {
  let content: Buffer
  try {
    content = readFileSync(file)
  } catch {
    throw new TlsFileError(variable, 'cannot be read')
  }
  // "PRIVATE KEY" also matches "RSA PRIVATE KEY" and "EC PRIVATE KEY".
  if (!content.toString('latin1').includes(`${label}-----`)) {
    throw new TlsFileError(variable, `is not a PEM file with a ${label}`)
  }
  return content
}
