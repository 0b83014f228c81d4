import type { ChangeSeverity } from '../spec-change.js'

/** Sections of docs/rules.md. */
export type RuleGroup =
  'operations' | 'parameters' | 'request bodies' | 'responses' | 'schemas' | 'security' | 'servers'

/**
 * One rule: data, so docs/rules.md is generated from it and cannot go stale.
 * `message` is a template: `{name}` is replaced by the change's detail of that name.
 */
export interface RuleDefinition {
  /** Stable kebab-case id. Never renamed once published. */
  id: string
  severity: ChangeSeverity
  group: RuleGroup
  /** One sentence: what changed and why it matters to a client. */
  description: string
  message: string
  /** Fragments of an OpenAPI 3.x document before and after the change. */
  example: { before: unknown; after: unknown }
  /** Why upcheck rates this differently from oasdiff, when it does. */
  differsFromOasdiff?: string
}

/** Fills a message template with a change's details; unknown placeholders stay visible. */
export function renderMessage(template: string, details: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => details[name] ?? whole)
}
