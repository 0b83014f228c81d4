export { readFileBytes, readTextFile, type ReadTextFileOptions } from './read-text-file.js'
export { writeFileAtomically } from './write-file-atomically.js'
