/**
 * Writes docs/rules.md from the rule definitions in src/diff/rules.
 * Run after changing a rule: `npx tsx scripts/generate-rules-doc.ts`.
 */
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { renderRulesDoc } from '../src/diff/rules/render-rules-doc.js'

const target = fileURLToPath(new URL('../docs/rules.md', import.meta.url))
await writeFile(target, renderRulesDoc())
console.log(`wrote ${target}`)
