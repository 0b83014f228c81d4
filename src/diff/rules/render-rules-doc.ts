import { stringify } from 'yaml'
import { RULES, schemaRuleId } from './catalogue.js'
import { OPERATION_RULES } from './operation-rules.js'
import type { RuleDefinition, RuleGroup } from './rule-definition.js'
import {
  SCHEMA_AREAS,
  SCHEMA_CHANGE_KINDS,
  areasOfKind,
  sideOfArea,
  type SchemaArea,
} from './schema-rules.js'

const AREA_PLACES: Readonly<Record<SchemaArea, string>> = {
  'request-body': 'the schema of a request body',
  'request-property': 'a property (at any depth) of a request body',
  'request-parameter': 'the schema of a parameter (or a property inside it)',
  'response-body': 'the schema of a response body (or a webhook payload)',
  'response-property': 'a property (at any depth) of a response body',
  'response-header': 'the schema of a response header',
}

const GROUP_TITLES: Readonly<Record<Exclude<RuleGroup, 'schemas'>, string>> = {
  operations: 'Operations',
  servers: 'Servers',
  parameters: 'Parameters',
  'request bodies': 'Request bodies',
  responses: 'Responses',
  security: 'Security',
}

/** Why upcheck's verdict differs from oasdiff's, where it does on purpose. */
const DIFFERENCES = [
  '**Security.** oasdiff rates every security change as INFO. A client that holds only the old credentials or scopes is refused once the upstream asks for more, so upcheck rates a new requirement, a new scope, a changed scheme type, a moved or renamed API key, a removed OAuth flow or scope as breaking (`security-requirement-added`, `security-scope-added`, `security-scheme-*`).',
  '**Webhooks.** upcheck compares a 3.1 webhook in reverse: the upstream sends its request and the consumer reads it, so the payload follows the response rules (a payload that gains a required field is not breaking; one that loses a field is). oasdiff compares webhooks like operations.',
  '**Required names without a property.** Adding a name to `required` that has no schema in `properties` still makes a validator reject a body without it, so upcheck reports `request-property-added-required`; oasdiff ignores it.',
  "**Removing a deprecated operation without a sunset date** is breaking (`endpoint-removed-without-sunset`): clients were warned but given no deadline. After the `x-sunset` date it is a warning (`endpoint-removed-after-sunset`); before it, breaking. Without today's date a sunset is treated as not yet reached.",
  '**Unstable operations.** Breaking changes in an operation whose base document marks it `x-stability-level: draft` or `alpha` are reported as warnings; lowering the stability level itself is breaking (`endpoint-stability-decreased`).',
  '**Path parameter names** do not make another operation: `/pets/{id}` and `/pets/{petId}` are one operation, and their path parameters are matched by position, so renaming one is no change.',
  '**Enums.** All values added to (or removed from) one enum are one change, listing the values, so a clean-up of thousands of values reads as one event per enum rather than one per value.',
  '**Response-side widening.** A new response enum value, `oneOf`/`anyOf` variant, raised maximum or dropped `format`/`pattern` is at least a warning: readers built for the old set meet values they do not know.',
]

function yamlBlock(value: unknown): string {
  return [
    '```yaml',
    stringify(value, { lineWidth: 0, aliasDuplicateObjects: false }).trimEnd(),
    '```',
  ].join('\n')
}

function example(rule: Pick<RuleDefinition, 'example'>): string {
  return [
    'Before:',
    '',
    yamlBlock(rule.example.before),
    '',
    'After:',
    '',
    yamlBlock(rule.example.after),
  ].join('\n')
}

function severityCounts(rules: readonly RuleDefinition[]): string {
  const count = (severity: string) => rules.filter((rule) => rule.severity === severity).length
  return `${count('breaking')} breaking, ${count('warning')} warning, ${count('info')} info`
}

/**
 * docs/rules.md, generated from the rule definitions: every rule with its severity and a
 * before/after example. `npx tsx scripts/generate-rules-doc.ts` writes it; a test fails when
 * the committed file differs.
 */
export function renderRulesDoc(): string {
  const out: string[] = [
    '# `upcheck diff` rules',
    '',
    '<!-- Generated from src/diff/rules by `npx tsx scripts/generate-rules-doc.ts`. Do not edit by hand. -->',
    '',
    `upcheck classifies every difference between two OpenAPI documents by one of ${RULES.length} rules (${severityCounts(RULES)}). A rule id never changes meaning once published.`,
    '',
    '## How severity is decided',
    '',
    'Severity is decided by direction. What a client **sends** (parameters, request bodies) breaks when the upstream narrows what it accepts: a new required field, a removed enum value, a lower maximum. What a client **reads** (responses, response headers, webhook payloads) breaks when the upstream widens, removes or retypes it: a field that may now be null, a removed required field, a new type; a new enum value or `oneOf` variant is a warning. The same schema change therefore has one rule per place it can occur, with its own severity.',
    '',
    'Changes inside a shared component are reported in every operation that uses it, at the shortest field path that reaches the change. Equivalent refactors are not changes: a schema moved behind a `$ref`, an `allOf` that flattens to the same schema, a parameter moved between path and operation level, a renamed path parameter, key order, 3.0 `nullable` versus a 3.1 `null` type.',
    '',
    'With `--interactions`, a change `affectsInteractions` when it touches an operation the recorded interactions call; below a request or response body, only when a recorded body holds that field.',
    '',
    "Every change names its operation as `METHOD /path` written as in the base document (the revision's for an added operation; none for a document-wide change) and JSON pointers into both documents. A Swagger 2.0 document is compared in the OpenAPI 3.0 model it converts to, so its pointers follow the 3.0 layout (`/components/schemas/Pet` for `/definitions/Pet`).",
    '',
    '## Where upcheck differs from oasdiff',
    '',
    ...DIFFERENCES.map((text) => `- ${text}`),
    '',
  ]
  for (const [group, title] of Object.entries(GROUP_TITLES)) {
    const rules = OPERATION_RULES.filter((rule) => rule.group === group)
    out.push(`## ${title}`, '')
    for (const rule of rules) {
      out.push(`### \`${rule.id}\` — ${rule.severity}`, '', rule.description, '')
      if (rule.differsFromOasdiff)
        out.push(`_Differs from oasdiff:_ ${rule.differsFromOasdiff}`, '')
      out.push(example(rule), '')
    }
  }
  out.push(
    '## Schemas',
    '',
    'Each schema change has one rule per area, named `<area>-<change>`. The areas are:',
    '',
    ...SCHEMA_AREAS.map(
      (area) =>
        `- \`${area}\`: ${AREA_PLACES[area]} (${sideOfArea(area) === 'request' ? 'the client sends it' : 'the client reads it'})`,
    ),
    '',
    'The example of each change shows the schema itself; each rule places it in its area (the catalogue holds the placed example).',
    '',
  )
  for (const kind of SCHEMA_CHANGE_KINDS) {
    out.push(
      `### ${kind.subject === 'property' ? 'property ' : ''}${kind.name}`,
      '',
      kind.description.replace(/\{subject\}/g, 'a schema').replace(/^a /, 'A '),
      '',
    )
    out.push('| Rule | Severity |', '|---|---|')
    for (const area of areasOfKind(kind))
      out.push(`| \`${schemaRuleId(area, kind.name)}\` | ${kind.severity[sideOfArea(area)]} |`)
    out.push('')
    if (kind.differsFromOasdiff) out.push(`_Differs from oasdiff:_ ${kind.differsFromOasdiff}`, '')
    out.push(example(kind), '')
  }
  return `${out.join('\n').trimEnd()}\n`
}
