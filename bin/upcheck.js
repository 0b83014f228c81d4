#!/usr/bin/env node
import { main } from '../dist/cli/main.js'
import { quietOnClosedPipe } from '../dist/cli/quiet-on-closed-pipe.js'

process.exitCode = await main(process.argv.slice(2), {
  stdout: quietOnClosedPipe(process.stdout),
  stderr: quietOnClosedPipe(process.stderr),
  env: process.env,
  cwd: () => process.cwd(),
})
