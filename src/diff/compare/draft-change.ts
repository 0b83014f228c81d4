import type { DocumentView } from './document-view.js'
import type { SchemaComparison, SchemaPair } from './compare-schemas.js'
import type { SchemaSide } from '../rules/schema-rules.js'

/**
 * What a change needs from the interactions to matter to them. `op` is the base operation's
 * label; `anchor` is a base pointer a recorded body must touch.
 */
export type ImpactScope =
  | { kind: 'none' }
  | { kind: 'operation'; op: string }
  | { kind: 'parameter'; op: string; in: string; name: string }
  | { kind: 'status'; op: string; status: string }
  | { kind: 'body'; op: string; part: 'request' | 'response'; status?: string; anchor?: string }
  | { kind: 'scheme'; name: string }

/** A classified change before its message is rendered and its impact decided. */
export interface DraftChange {
  rule: string
  operation?: string
  basePtr?: string
  revPtr?: string
  /** Values for the rule's message template. */
  details: Record<string, string>
  /** Where in the operation, put before the message: `response 200 (application/json)`. */
  where?: string
  impact: ImpactScope
  /** Lower the severity to at most this (operations marked draft or alpha). */
  capSeverity?: 'warning'
}

/** A schema compared inside an operation; its changes are placed there once the graph is complete. */
export interface SchemaSite {
  operation: string
  where: string
  root: 'body' | 'parameter' | 'header'
  side: SchemaSide
  pair: SchemaPair
  impact: ImpactScope
  capSeverity?: 'warning'
}

/** State shared by the comparison of one base and one revision document. */
export interface CompareContext {
  base: DocumentView
  rev: DocumentView
  schemas: SchemaComparison
  /** Compares `x-sunset` dates; without it, a sunset is never considered reached or not. */
  now?: Date
  changes: DraftChange[]
  sites: SchemaSite[]
}
