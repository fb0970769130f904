import type { Socket } from 'node:net'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { ERRORS, type ErrorCode } from '../errors.js'
import { type Language, localize } from '../i18n.js'
import { sendError } from './error-handler.js'

/**
 * Errors Fastify meets before a route is chosen (a URL that does not decode,
 * a path parameter over the length limit) answer in the contract's error
 * body like every other error (OPS-3).
 */
export function frameworkErrors(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const code: ErrorCode = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'URI_TOO_LONG' : 'BAD_REQUEST'
  return sendError(request, reply, code)
}

/**
 * Errors of Node's HTTP parser (headers or request line too large, a
 * malformed request, a timeout) happen before there is a request at all:
 * the answer is written on the socket, still in the contract's body, in the
 * default language since no Accept-Language could be read.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  if (!socket.writable) {
    socket.destroy(error)
    return
  }
  const code: ErrorCode =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 'HEADERS_TOO_LARGE'
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'REQUEST_TIMEOUT'
        : 'BAD_REQUEST'
  const entry = ERRORS[code]
  const body = JSON.stringify({ error: { code, message: localize(entry, DEFAULT_LANGUAGE) } })
  // end, not destroy: the answer is flushed before the connection closes.
  socket.end(
    `HTTP/1.1 ${entry.status} ${STATUS_TEXT[code]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Language: ${DEFAULT_LANGUAGE}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Cache-Control: no-store\r\n' +
      'Connection: close\r\n\r\n' +
      body,
  )
}

/** The console's default language (UI-1). */
const DEFAULT_LANGUAGE: Language = 'zh-CN'

const STATUS_TEXT: Partial<Record<ErrorCode, string>> = {
  HEADERS_TOO_LARGE: 'Request Header Fields Too Large',
  REQUEST_TIMEOUT: 'Request Timeout',
  BAD_REQUEST: 'Bad Request',
}
