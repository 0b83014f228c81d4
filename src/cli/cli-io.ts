/** What the CLI touches of its process; passed in so tests run `main` in-process. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean }
  stderr: { write(text: string): unknown; isTTY?: boolean }
  env: Readonly<Record<string, string | undefined>>
  cwd(): string
}
