// Runs the CLI from source in a child process, as bin/upcheck.js does from dist. The child
// starts in the repository, where tsx resolves; UPCHECK_TEST_CWD names the folder to work in.
import { main } from '../../src/cli/main.js'

if (process.env.UPCHECK_TEST_CWD) process.chdir(process.env.UPCHECK_TEST_CWD)
process.exitCode = await main(process.argv.slice(2), process)
