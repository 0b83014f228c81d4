import { Transform, type TransformCallback } from 'node:stream'

/**
 * Passes bytes through unchanged and keeps a copy of the first `limit` of them. `onEnd` runs
 * before the end is passed on, so whoever reads the far side sees the end only after it ran.
 */
export class CaptureStream extends Transform {
  private readonly chunks: Buffer[] = []
  private size = 0
  /** More bytes went through than were kept. */
  overflowed = false

  constructor(
    private readonly limit: number,
    private readonly onEnd: (bytes: Buffer, overflowed: boolean) => void = () => {},
  ) {
    super()
  }

  /** The bytes kept so far. */
  captured(): Buffer {
    return Buffer.concat(this.chunks, this.size)
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.overflowed) {
      if (this.size + chunk.length > this.limit) {
        this.overflowed = true
        this.chunks.length = 0
        this.size = 0
      } else {
        this.chunks.push(chunk)
        this.size += chunk.length
      }
    }
    callback(null, chunk)
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.onEnd(this.captured(), this.overflowed)
      callback()
    } catch (error) {
      callback(error as Error)
    }
  }
}
