import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { UpcheckError } from '../../model/index.js'
import type { CapturedExchange } from '../captured-exchange.js'
import { decodeWireExchange } from './wire-exchange.js'

/** The recorder's end of the channel the recorded processes send exchanges on. */
export interface ExchangeChannel {
  /** A socket path (a named pipe on Windows), passed to the processes in their environment. */
  readonly address: string
  /** Resolves once every process that connected has hung up, or after `timeoutMs`; true when all did. */
  drain(timeoutMs: number): Promise<boolean>
  close(): Promise<void>
}

/**
 * Listens on a local socket (in a private temporary folder) for exchanges, one JSON line each.
 * Exchanges travel over the socket, not a file, because they still hold credentials.
 */
export async function openExchangeChannel(
  onExchange: (exchange: CapturedExchange) => void,
  onBadLine: () => void,
): Promise<ExchangeChannel> {
  const folder =
    process.platform === 'win32' ? undefined : await mkdtemp(join(tmpdir(), 'upcheck-record-'))
  const address =
    folder === undefined
      ? `\\\\.\\pipe\\upcheck-record-${process.pid}-${Date.now()}`
      : join(folder, 'channel.sock')
  const open = new Set<Socket>()
  let allClosed: (() => void) | undefined

  const server = createServer((socket) => {
    open.add(socket)
    let pending = ''
    socket.setEncoding('utf8')
    socket.on('data', (text: string) => {
      pending += text
      let end: number
      while ((end = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, end)
        pending = pending.slice(end + 1)
        const exchange = decodeWireExchange(line)
        if (exchange) onExchange(exchange)
        else onBadLine()
      }
    })
    socket.on('error', () => {
      // A process killed mid-line: what came whole was taken.
    })
    socket.on('close', () => {
      open.delete(socket)
      if (open.size === 0) allClosed?.()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new UpcheckError(
          'RECORD_FAILED',
          `Failed to open the recording channel at ${address}: ${error.message}.`,
          { cause: error },
        ),
      ),
    )
    server.listen(address, resolve)
  })

  return {
    address,
    async drain(timeoutMs) {
      // A process that connected and exited at once may not have been accepted yet: one turn of the loop lets it in.
      await new Promise((resolve) => setImmediate(resolve))
      if (open.size === 0) return true
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs)
        allClosed = () => {
          clearTimeout(timer)
          resolve(true)
        }
      })
    },
    async close() {
      for (const socket of open) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      if (folder !== undefined) await rm(folder, { recursive: true, force: true })
    },
  }
}
