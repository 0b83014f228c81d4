import { OPERATION_RULES } from './operation-rules.js'
import type { RuleDefinition } from './rule-definition.js'
import {
  AREA_SUBJECTS,
  SCHEMA_CHANGE_KINDS,
  areasOfKind,
  sideOfArea,
  type SchemaArea,
  type SchemaChangeKind,
} from './schema-rules.js'
import { UpcheckError } from '../../model/upcheck-error.js'

/** The rule id of a schema change kind in an area: `response-property` + `type-changed`. */
export function schemaRuleId(area: SchemaArea, kindName: string): string {
  return `${area}-${kindName}`
}

/** Wraps a schema example into the part of an operation its area names. */
function placeExample(area: SchemaArea, kind: SchemaChangeKind, schema: unknown): unknown {
  const inProperty =
    kind.subject === 'node' && (area === 'request-property' || area === 'response-property')
  const body = inProperty ? { type: 'object', properties: { field: schema } } : schema
  const content = { content: { 'application/json': { schema: body } } }
  switch (area) {
    case 'request-body':
    case 'request-property':
      return { paths: { '/pets': { post: { requestBody: content } } } }
    case 'request-parameter':
      return {
        paths: { '/pets': { get: { parameters: [{ name: 'filter', in: 'query', schema }] } } },
      }
    case 'response-body':
    case 'response-property':
      return {
        paths: { '/pets': { get: { responses: { '200': { description: 'OK', ...content } } } } },
      }
    case 'response-header':
      return {
        paths: {
          '/pets': {
            get: {
              responses: { '200': { description: 'OK', headers: { 'X-Rate-Limit': { schema } } } },
            },
          },
        },
      }
  }
}

function expandKind(kind: SchemaChangeKind): RuleDefinition[] {
  return areasOfKind(kind).map((area) => {
    const subject = AREA_SUBJECTS[area]
    const description = kind.description.replace(/\{subject\}/g, subject)
    return {
      id: schemaRuleId(area, kind.name),
      severity: kind.severity[sideOfArea(area)],
      group: 'schemas',
      description: description.charAt(0).toUpperCase() + description.slice(1),
      message: kind.message,
      example: {
        before: placeExample(area, kind, kind.example.before),
        after: placeExample(area, kind, kind.example.after),
      },
      ...(kind.differsFromOasdiff ? { differsFromOasdiff: kind.differsFromOasdiff } : {}),
    }
  })
}

/** Every rule upcheck applies, in documentation order. */
export const RULES: readonly RuleDefinition[] = [
  ...OPERATION_RULES,
  ...SCHEMA_CHANGE_KINDS.flatMap(expandKind),
]

const RULES_BY_ID = new Map(RULES.map((rule) => [rule.id, rule]))

/** The rule with this id; a missing id is a bug in the comparison code. */
export function getRule(id: string): RuleDefinition {
  const rule = RULES_BY_ID.get(id)
  if (!rule)
    throw new UpcheckError(
      'INTERNAL',
      `Failed to classify a change: no rule has the id "${id}". Please report this.`,
    )
  return rule
}
