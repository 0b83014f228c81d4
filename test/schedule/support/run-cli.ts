// Runs the CLI from source in a child process, as bin/upcheck.js does from dist.
import { main } from '../../../src/cli/main.js'

process.exitCode = await main(process.argv.slice(2), process)
