// Runs the CLI from source in a child process, in the folder UPCHECK_TEST_CWD names: the child
// itself starts in the repository, where tsx resolves.
import { main } from '../../../src/cli/main.js'

if (process.env.UPCHECK_TEST_CWD) process.chdir(process.env.UPCHECK_TEST_CWD)
process.exitCode = await main(process.argv.slice(2), process)
