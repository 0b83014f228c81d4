import { watch, type FSWatcher } from 'node:fs'

/**
 * Calls `onChange` once a burst of changes in `folder` (an editor's save is several
 * events; a `git pull` many) has settled for `settleMs`.
 */
export function watchFolder(
  folder: string,
  onChange: () => void,
  options: { settleMs?: number; onError?(error: Error): void } = {},
): { close(): void } {
  const settleMs = options.settleMs ?? 300
  let timer: NodeJS.Timeout | undefined
  let watcher: FSWatcher | undefined
  try {
    watcher = watch(folder, { persistent: false }, () => {
      clearTimeout(timer)
      timer = setTimeout(onChange, settleMs)
    })
    watcher.on('error', (error) => options.onError?.(error))
  } catch (error) {
    options.onError?.(error as Error)
  }
  return {
    close() {
      clearTimeout(timer)
      watcher?.close()
    },
  }
}
