import type { ChangeSeverity } from '../spec-change.js'

/**
 * Where in an operation a schema sits. The side decides the direction of severity: a client
 * *writes* request bodies and parameters, so those break when the upstream accepts less; it
 * *reads* response bodies and headers, so those break when the upstream returns more or other.
 */
export type SchemaArea =
  | 'request-body'
  | 'request-property'
  | 'request-parameter'
  | 'response-body'
  | 'response-property'
  | 'response-header'

export type SchemaSide = 'request' | 'response'

export const SCHEMA_AREAS: readonly SchemaArea[] = [
  'request-body',
  'request-property',
  'request-parameter',
  'response-body',
  'response-property',
  'response-header',
]

export function sideOfArea(area: SchemaArea): SchemaSide {
  return area.startsWith('request') ? 'request' : 'response'
}

/** How each area is named in rule descriptions. */
export const AREA_SUBJECTS: Readonly<Record<SchemaArea, string>> = {
  'request-body': 'a request body schema',
  'request-property': 'a property of a request body',
  'request-parameter': 'the schema of a request parameter',
  'response-body': 'a response body schema',
  'response-property': 'a property of a response body',
  'response-header': 'the schema of a response header',
}

/**
 * A kind of schema change, applicable in every area its `subject` allows: `node` kinds
 * (a keyword of one schema changed) apply in all six areas; `property` kinds (a property of an
 * object was added, removed or changed its required flag) apply to request and response
 * properties. The catalogue expands each kind into one rule per area, `<area>-<name>`.
 */
export interface SchemaChangeKind {
  name: string
  subject: 'node' | 'property'
  severity: Readonly<Record<SchemaSide, ChangeSeverity>>
  /** Only for some sides (a rule that has no meaning on the other side). Default both. */
  sides?: readonly SchemaSide[]
  /** Areas where an operation-level rule already says it (a deprecated parameter). */
  excludedAreas?: readonly SchemaArea[]
  /** `{subject}` is replaced by the area's subject. */
  description: string
  message: string
  /** Schemas before and after (for `property` kinds: the owning object). */
  example: { before: unknown; after: unknown }
  differsFromOasdiff?: string
}

const BREAKS_REQUEST = { request: 'breaking', response: 'info' } as const
const BREAKS_RESPONSE = { request: 'info', response: 'breaking' } as const
const WARNS_RESPONSE = { request: 'info', response: 'warning' } as const
const BREAKS_BOTH = { request: 'breaking', response: 'breaking' } as const
const WARNS_BOTH = { request: 'warning', response: 'warning' } as const
const INFO_BOTH = { request: 'info', response: 'info' } as const

const str = { type: 'string' }
const obj = (properties: Record<string, unknown>, required?: string[]) => ({
  type: 'object',
  ...(required ? { required } : {}),
  properties,
})

/** How a composition keyword is spelled in rule ids. */
const COMPOSITION_NAMES = { oneOf: 'one-of', anyOf: 'any-of' } as const

/** A variant added to, or removed from, the `oneOf` or `anyOf` list of a schema. */
function variantKinds(
  keyword: 'oneOf' | 'anyOf',
  example: { fewer: unknown[]; more: unknown[] },
): SchemaChangeKind[] {
  const name = COMPOSITION_NAMES[keyword]
  const article = keyword === 'oneOf' ? 'A' : 'An'
  return [
    {
      name: `${name}-variant-added`,
      subject: 'node',
      severity: WARNS_RESPONSE,
      description: `${article} \`${keyword}\` variant was added to {subject}: a reader may meet a shape it does not know.`,
      message: `${keyword} variant {value} added`,
      example: { before: { [keyword]: example.fewer }, after: { [keyword]: example.more } },
    },
    {
      name: `${name}-variant-removed`,
      subject: 'node',
      severity: BREAKS_REQUEST,
      description: `${article} \`${keyword}\` variant was removed from {subject}: a client that sends that shape is rejected.`,
      message: `${keyword} variant {value} removed`,
      example: { before: { [keyword]: example.more }, after: { [keyword]: example.fewer } },
    },
  ]
}

/** The `oneOf` or `anyOf` beside a schema's own keywords removed. */
function compositionRemovedKind(keyword: 'oneOf' | 'anyOf'): SchemaChangeKind {
  return {
    name: `${COMPOSITION_NAMES[keyword]}-removed`,
    subject: 'node',
    severity: WARNS_RESPONSE,
    description: `{subject} lost its \`${keyword}\`: a reader may meet values that match none of the old variants.`,
    message: `${keyword} of {from} variants removed`,
    example: {
      before: { ...obj({ kind: str }), [keyword]: [{ required: ['a'] }, { required: ['b'] }] },
      after: obj({ kind: str }),
    },
  }
}

export const SCHEMA_CHANGE_KINDS: readonly SchemaChangeKind[] = [
  // types
  {
    name: 'type-changed',
    subject: 'node',
    severity: BREAKS_BOTH,
    description: 'The type of {subject} changed to one that shares no values with the old type.',
    message: 'type changed from {from} to {to}',
    example: { before: { type: 'string' }, after: { type: 'integer' } },
  },
  {
    name: 'type-generalized',
    subject: 'node',
    severity: BREAKS_RESPONSE,
    description:
      'The type of {subject} widened (a type added to a type array, `integer` to `number`, a type dropped): old values stay valid, but a reader may now see values of a new type.',
    message: 'type widened from {from} to {to}',
    example: { before: { type: 'integer' }, after: { type: 'number' } },
  },
  {
    name: 'type-narrowed',
    subject: 'node',
    severity: BREAKS_REQUEST,
    description:
      'The type of {subject} narrowed (a type removed from a type array, `number` to `integer`, a type set where there was none): some values a client sent before are now rejected.',
    message: 'type narrowed from {from} to {to}',
    example: { before: { type: ['string', 'integer'] }, after: { type: 'string' } },
  },
  {
    name: 'became-nullable',
    subject: 'node',
    severity: BREAKS_RESPONSE,
    description:
      '{subject} now allows `null` (`nullable: true`, or `null` added to the type array): a reader must now handle null.',
    message: 'became nullable',
    example: { before: { type: 'string' }, after: { type: ['string', 'null'] } },
  },
  {
    name: 'became-not-nullable',
    subject: 'node',
    severity: BREAKS_REQUEST,
    description: '{subject} no longer allows `null`: a client that sends null is rejected.',
    message: 'no longer nullable',
    example: { before: { type: 'string', nullable: true }, after: { type: 'string' } },
  },
  // formats
  {
    name: 'format-changed',
    subject: 'node',
    severity: BREAKS_BOTH,
    description:
      'The `format` of {subject} changed: values of the old format may be rejected or unreadable.',
    message: 'format changed from {from} to {to}',
    example: {
      before: { type: 'string', format: 'date' },
      after: { type: 'string', format: 'date-time' },
    },
  },
  {
    name: 'format-widened',
    subject: 'node',
    severity: BREAKS_RESPONSE,
    description:
      'The `format` of {subject} widened (`int32` to `int64`, `float` to `double`): old values stay valid, but a reader may see values too large for the old format.',
    message: 'format widened from {from} to {to}',
    example: {
      before: { type: 'integer', format: 'int32' },
      after: { type: 'integer', format: 'int64' },
    },
  },
  {
    name: 'format-added',
    subject: 'node',
    severity: { request: 'warning', response: 'info' },
    description: '{subject} gained a `format`: the upstream may now reject values it accepted.',
    message: 'format {to} added',
    example: { before: { type: 'string' }, after: { type: 'string', format: 'uuid' } },
  },
  {
    name: 'format-added-widest',
    subject: 'node',
    severity: INFO_BOTH,
    description:
      '{subject} gained the widest format of its type (`int64` on an integer, `double` on a number): it says how large values get without rejecting any a client can send.',
    message: 'format {to} added',
    example: { before: { type: 'integer' }, after: { type: 'integer', format: 'int64' } },
  },
  {
    name: 'format-removed',
    subject: 'node',
    severity: WARNS_RESPONSE,
    description: '{subject} lost its `format`: a reader may now see values of any shape.',
    message: 'format {from} removed',
    example: { before: { type: 'string', format: 'uuid' }, after: { type: 'string' } },
  },
  // enums and const
  {
    name: 'enum-value-added',
    subject: 'node',
    severity: WARNS_RESPONSE,
    description:
      'An enum value was added to {subject}: a reader that switches over the values meets one it does not know.',
    message: 'enum values added: {value}',
    example: {
      before: { type: 'string', enum: ['open', 'closed'] },
      after: { type: 'string', enum: ['open', 'closed', 'archived'] },
    },
  },
  {
    name: 'enum-value-removed',
    subject: 'node',
    severity: BREAKS_REQUEST,
    description: 'An enum value was removed from {subject}: a client that sends it is rejected.',
    message: 'enum values removed: {value}',
    example: {
      before: { type: 'string', enum: ['open', 'closed', 'archived'] },
      after: { type: 'string', enum: ['open', 'closed'] },
    },
  },
  {
    name: 'became-enum',
    subject: 'node',
    severity: BREAKS_REQUEST,
    description: '{subject} became an enum: only the listed values are accepted now.',
    message: 'restricted to the values {to}',
    example: { before: { type: 'string' }, after: { type: 'string', enum: ['open', 'closed'] } },
  },
  {
    name: 'enum-removed',
    subject: 'node',
    severity: WARNS_RESPONSE,
    description: '{subject} is no longer an enum: a reader may now see any value.',
    message: 'no longer restricted to {from}',
    example: { before: { type: 'string', enum: ['open', 'closed'] }, after: { type: 'string' } },
  },
  {
    name: 'extensible-enum-value-removed',
    subject: 'node',
    severity: BREAKS_REQUEST,
    description:
      'A value was removed from the `x-extensible-enum` of {subject}: a client that sends it may be rejected.',
    message: 'x-extensible-enum values removed: {value}',
    example: {
      before: { type: 'string', 'x-extensible-enum': ['card', 'bank'] },
      after: { type: 'string', 'x-extensible-enum': ['card'] },
    },
  },
  {
    name: 'extensible-enum-value-added',
    subject: 'node',
    severity: INFO_BOTH,
    description:
      'A value was added to the `x-extensible-enum` of {subject}; readers of an extensible enum must already expect new values.',
    message: 'x-extensible-enum values added: {value}',
    example: {
      before: { type: 'string', 'x-extensible-enum': ['card'] },
      after: { type: 'string', 'x-extensible-enum': ['card', 'bank'] },
    },
  },
  {
    name: 'const-changed',
    subject: 'node',
    severity: BREAKS_BOTH,
    description: 'The `const` value of {subject} changed.',
    message: 'const changed from {from} to {to}',
    example: { before: { const: 'v1' }, after: { const: 'v2' } },
  },
  {
    name: 'const-added',
    subject: 'node',
    severity: BREAKS_REQUEST,
    description: '{subject} gained a `const`: only that one value is accepted now.',
    message: 'fixed to the value {to}',
    example: { before: { type: 'string' }, after: { type: 'string', const: 'v1' } },
  },
  {
    name: 'const-removed',
    subject: 'node',
    severity: WARNS_RESPONSE,
    description: '{subject} lost its `const`: a reader may now see other values.',
    message: 'no longer fixed to {from}',
    example: { before: { type: 'string', const: 'v1' }, after: { type: 'string' } },
  },
  // bounds: one kind per direction covers maximum, maxLength, maxItems and maxProperties
  {
    name: 'max-decreased',
    subject: 'node',
    severity: BREAKS_REQUEST,
    description:
      'An upper bound of {subject} (`maximum`, `exclusiveMaximum`, `maxLength`, `maxItems`, `maxProperties`) was lowered: larger values are rejected now.',
    message: '{keyword} lowered from {from} to {to}',
    example: {
      before: { type: 'string', maxLength: 100 },
      after: { type: 'string', maxLength: 50 },
    },
  },
  {
    name: 'max-increased',
    subject: 'node',
    severity: WARNS_RESPONSE,
    description:
      'An upper bound of {subject} was raised: a reader may now see larger values than it was built for.',
    message: '{keyword} raised from {from} to {to}',
    example: {
      before: { type: 'integer', maximum: 100 },
      after: { type: 'integer', maximum: 1000 },
    },
  },
  {
    name: 'max-added',
    subject: 'node',
    severity: BREAKS_REQUEST,
    description: '{subject} gained an upper bound: larger values are rejected now.',
    message: '{keyword} {to} added',
    example: {
      before: { type: 'array', items: str },
      after: { type: 'array', items: str, maxItems: 10 },
    },
  },
  {
    name: 'max-removed',
    subject: 'node',
    severity: WARNS_RESPONSE,
    description: '{subject} lost an upper bound: a reader may now see values of any size.',
    message: '{keyword} {from} removed',
    example: { before: { type: 'string', maxLength: 100 }, after: { type: 'string' } },
  },
  {
    name: 'min-increased',
    subject: 'node',
    severity: BREAKS_REQUEST,
    description:
      'A lower bound of {subject} (`minimum`, `exclusiveMinimum`, `minLength`, `minItems`, `minProperties`) was raised: smaller values are rejected now.',
    message: '{keyword} raised from {from} to {to}',
    example: { before: { type: 'integer', minimum: 0 }, after: { type: 'integer', minimum: 1 } },
  },
  {
    name: 'min-decreased',
    subject: 'node',
    severity: WARNS_RESPONSE,
    description:
      'A lower bound of {subject} was lowered: a reader may now see smaller values than it was built for.',
    message: '{keyword} lowered from {from} to {to}',
    example: {
      before: { type: 'array', items: str, minItems: 1 },
      after: { type: 'array', items: str, minItems: 0 },
    },
  },
  {
    name: 'min-added',
    subject: 'node',
    severity: BREAKS_REQUEST,
    description: '{subject} gained a lower bound: smaller values are rejected now.',
    message: '{keyword} {to} added',
    example: { before: { type: 'string' }, after: { type: 'string', minLength: 3 } },
  },
  {
    name: 'min-removed',
    subject: 'node',
    severity: WARNS_RESPONSE,
    description:
      '{subject} lost a lower bound: a reader may now see smaller values, such as empty strings or arrays.',
    message: '{keyword} {from} removed',
    example: { before: { type: 'string', minLength: 1 }, after: { type: 'string' } },
  },
  {
    name: 'multiple-of-changed',
    subject: 'node',
    severity: { request: 'breaking', response: 'warning' },
    description:
      'The `multipleOf` of {subject} was added or changed: values valid before may be rejected.',
    message: 'multipleOf changed from {from} to {to}',
    example: {
      before: { type: 'number', multipleOf: 0.01 },
      after: { type: 'number', multipleOf: 0.5 },
    },
  },
  {
    name: 'multiple-of-removed',
    subject: 'node',
    severity: WARNS_RESPONSE,
    description: '{subject} lost its `multipleOf`: a reader may now see values of any precision.',
    message: 'multipleOf {from} removed',
    example: { before: { type: 'number', multipleOf: 0.01 }, after: { type: 'number' } },
  },
  // patterns
  {
    name: 'pattern-added',
    subject: 'node',
    severity: BREAKS_REQUEST,
    description: '{subject} gained a `pattern`: strings that do not match are rejected now.',
    message: 'pattern {to} added',
    example: { before: { type: 'string' }, after: { type: 'string', pattern: '^[a-z]+$' } },
  },
  {
    name: 'pattern-changed',
    subject: 'node',
    severity: WARNS_BOTH,
    description:
      'The `pattern` of {subject} changed: values that matched before may not match now; a change to a match-anything pattern such as `.*` counts as removal.',
    message: 'pattern changed from {from} to {to}',
    example: {
      before: { type: 'string', pattern: '^[a-z]+$' },
      after: { type: 'string', pattern: '^[a-z0-9]+$' },
    },
  },
  {
    name: 'pattern-removed',
    subject: 'node',
    severity: WARNS_RESPONSE,
    description: '{subject} lost its `pattern`: a reader may now see strings of any shape.',
    message: 'pattern {from} removed',
    example: { before: { type: 'string', pattern: '^[a-z]+$' }, after: { type: 'string' } },
  },
  {
    name: 'unique-items-enabled',
    subject: 'node',
    severity: BREAKS_REQUEST,
    description: '{subject} now requires unique array items: arrays with repeats are rejected.',
    message: 'items must now be unique',
    example: {
      before: { type: 'array', items: str },
      after: { type: 'array', items: str, uniqueItems: true },
    },
  },
  {
    name: 'unique-items-disabled',
    subject: 'node',
    severity: WARNS_RESPONSE,
    description: '{subject} no longer promises unique array items: a reader may see repeats.',
    message: 'items are no longer unique',
    example: {
      before: { type: 'array', items: str, uniqueItems: true },
      after: { type: 'array', items: str },
    },
  },
  {
    name: 'additional-properties-disallowed',
    subject: 'node',
    severity: BREAKS_REQUEST,
    description:
      '{subject} no longer allows properties it does not list (`additionalProperties: false`): a client sending extra fields is rejected.',
    message: 'additional properties are no longer allowed',
    example: {
      before: obj({ name: str }),
      after: { ...obj({ name: str }), additionalProperties: false },
    },
  },
  {
    name: 'additional-properties-allowed',
    subject: 'node',
    severity: WARNS_RESPONSE,
    description:
      '{subject} now allows properties it does not list: a reader may see unknown fields.',
    message: 'additional properties are allowed now',
    example: {
      before: { ...obj({ name: str }), additionalProperties: false },
      after: obj({ name: str }),
    },
  },
  // access modifiers
  {
    name: 'became-read-only',
    subject: 'node',
    severity: { request: 'warning', response: 'info' },
    description: '{subject} became `readOnly`: the upstream ignores or rejects it in requests.',
    message: 'became read-only',
    example: { before: { type: 'string' }, after: { type: 'string', readOnly: true } },
  },
  {
    name: 'became-not-read-only',
    subject: 'node',
    severity: INFO_BOTH,
    description: '{subject} is no longer `readOnly`: clients may send it.',
    message: 'no longer read-only',
    example: { before: { type: 'string', readOnly: true }, after: { type: 'string' } },
  },
  {
    name: 'became-write-only',
    subject: 'node',
    severity: BREAKS_RESPONSE,
    description: '{subject} became `writeOnly`: responses no longer carry it.',
    message: 'became write-only',
    example: { before: { type: 'string' }, after: { type: 'string', writeOnly: true } },
  },
  {
    name: 'became-not-write-only',
    subject: 'node',
    severity: INFO_BOTH,
    description: '{subject} is no longer `writeOnly`: responses may carry it now.',
    message: 'no longer write-only',
    example: { before: { type: 'string', writeOnly: true }, after: { type: 'string' } },
  },
  // composition
  ...variantKinds('oneOf', {
    fewer: [{ $ref: '#/components/schemas/Card' }],
    more: [{ $ref: '#/components/schemas/Card' }, { $ref: '#/components/schemas/Bank' }],
  }),
  ...variantKinds('anyOf', {
    fewer: [{ type: 'string' }],
    more: [{ type: 'string' }, { $ref: '#/components/schemas/Customer' }],
  }),
  {
    name: 'wrapped-in-one-of',
    subject: 'node',
    severity: BREAKS_BOTH,
    description:
      '{subject} was replaced by a `oneOf` of variants: a value must now match exactly one of them, so a value that matches several is rejected, and a reader may meet the new variants.',
    message: 'wrapped in a oneOf of {to} variants',
    example: { before: obj({ id: str }), after: { oneOf: [obj({ id: str }), obj({ code: str })] } },
  },
  {
    name: 'wrapped-in-one-of-alternatives',
    subject: 'node',
    severity: WARNS_RESPONSE,
    description:
      '{subject} was replaced by a `oneOf` whose other variants have other types (`string` beside a new `object`): every value valid before matches exactly one variant, and a reader may meet the new ones.',
    message: 'wrapped in a oneOf of {to} alternatives',
    example: {
      before: { type: 'string' },
      after: { oneOf: [{ type: 'string' }, obj({ login: str })] },
    },
  },
  {
    name: 'wrapped-in-any-of',
    subject: 'node',
    severity: WARNS_RESPONSE,
    description:
      '{subject} was replaced by an `anyOf` that keeps it as one variant: a reader may meet the new variants.',
    message: 'wrapped in an anyOf of {to} variants',
    example: {
      before: { type: 'string' },
      after: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
    },
  },
  {
    name: 'one-of-added',
    subject: 'node',
    severity: { request: 'breaking', response: 'warning' },
    description:
      '{subject} gained a `oneOf` next to its own keywords: values must now match exactly one variant.',
    message: 'oneOf of {to} variants added',
    example: {
      before: obj({ kind: str }),
      after: { ...obj({ kind: str }), oneOf: [{ required: ['a'] }, { required: ['b'] }] },
    },
  },
  {
    name: 'one-of-added-widening',
    subject: 'node',
    severity: INFO_BOTH,
    description:
      '{subject} gained a `oneOf` with a variant that every value valid before satisfies (`required: [id]`) while each other variant requires a property it did not declare (`required: [owner, repo, number]`): the variants add alternatives, and nothing built to the old schema is rejected.',
    message: 'oneOf of {to} alternatives added',
    example: {
      before: obj({ id: str }, ['id']),
      after: {
        ...obj({ id: str, number: str }, ['id']),
        oneOf: [{ required: ['id'] }, { required: ['number'] }],
      },
    },
  },
  compositionRemovedKind('oneOf'),
  {
    name: 'any-of-added',
    subject: 'node',
    severity: { request: 'breaking', response: 'info' },
    description:
      '{subject} gained an `anyOf` next to its own keywords: values must now match one of the variants.',
    message: 'anyOf of {to} variants added',
    example: {
      before: obj({ kind: str }),
      after: { ...obj({ kind: str }), anyOf: [{ required: ['a'] }, { required: ['b'] }] },
    },
  },
  {
    name: 'any-of-added-widening',
    subject: 'node',
    severity: INFO_BOTH,
    description:
      '{subject} gained an `anyOf` with a variant that every value valid before already satisfies (`required: [state]` beside a new `required: [assignees]`): the variants add alternatives, and nothing accepted before is rejected.',
    message: 'anyOf of {to} alternatives added',
    example: {
      before: obj({ state: str, assignee: str }, ['state']),
      after: {
        ...obj({ state: str, assignee: str }),
        anyOf: [{ required: ['state'] }, { required: ['assignee'] }],
      },
    },
  },
  compositionRemovedKind('anyOf'),
  {
    name: 'not-changed',
    subject: 'node',
    severity: WARNS_BOTH,
    description:
      'The `not` schema of {subject} was added, removed or changed: the set of values it excludes changed.',
    message: 'the not-schema changed',
    example: { before: { type: 'string' }, after: { type: 'string', not: { enum: [''] } } },
  },
  // discriminators
  {
    name: 'discriminator-property-changed',
    subject: 'node',
    severity: BREAKS_BOTH,
    description:
      'The discriminator property of {subject} changed: variants are told apart by another field.',
    message: 'discriminator property changed from {from} to {to}',
    example: {
      before: {
        oneOf: [{ $ref: '#/components/schemas/Cat' }],
        discriminator: { propertyName: 'kind' },
      },
      after: {
        oneOf: [{ $ref: '#/components/schemas/Cat' }],
        discriminator: { propertyName: 'type' },
      },
    },
  },
  {
    name: 'discriminator-added',
    subject: 'node',
    severity: { request: 'warning', response: 'info' },
    description:
      '{subject} gained a discriminator: the upstream picks the variant by a field it may now require.',
    message: 'discriminator {to} added',
    example: {
      before: { oneOf: [{ $ref: '#/components/schemas/Cat' }] },
      after: {
        oneOf: [{ $ref: '#/components/schemas/Cat' }],
        discriminator: { propertyName: 'kind' },
      },
    },
  },
  {
    name: 'discriminator-removed',
    subject: 'node',
    severity: WARNS_RESPONSE,
    description:
      '{subject} lost its discriminator: a reader that picks the variant by that field must find another way.',
    message: 'discriminator {from} removed',
    example: {
      before: {
        oneOf: [{ $ref: '#/components/schemas/Cat' }],
        discriminator: { propertyName: 'kind' },
      },
      after: { oneOf: [{ $ref: '#/components/schemas/Cat' }] },
    },
  },
  {
    name: 'discriminator-mapping-added',
    subject: 'node',
    severity: WARNS_RESPONSE,
    description:
      'A discriminator value was mapped in {subject}: a reader may meet a discriminator value it does not know.',
    message: 'discriminator value {value} mapped',
    example: {
      before: {
        oneOf: [{ $ref: '#/components/schemas/Cat' }],
        discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat' } },
      },
      after: {
        oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
        discriminator: {
          propertyName: 'kind',
          mapping: { cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog' },
        },
      },
    },
  },
  {
    name: 'discriminator-mapping-removed',
    subject: 'node',
    severity: BREAKS_REQUEST,
    description:
      'A discriminator value is no longer mapped in {subject}: a client that sends it is rejected.',
    message: 'discriminator value {value} no longer mapped',
    example: {
      before: {
        oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
        discriminator: {
          propertyName: 'kind',
          mapping: { cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog' },
        },
      },
      after: {
        oneOf: [{ $ref: '#/components/schemas/Cat' }],
        discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat' } },
      },
    },
  },
  // defaults
  {
    name: 'default-changed',
    subject: 'node',
    severity: BREAKS_REQUEST,
    description:
      'The `default` of {subject} changed: a client that leaves the value out gets different behaviour. A default only rewritten as the string its schema holds (`true` to `"true"` on a string enum) is the same default.',
    message: 'default changed from {from} to {to}',
    example: { before: { type: 'integer', default: 10 }, after: { type: 'integer', default: 25 } },
  },
  {
    name: 'default-added',
    subject: 'node',
    severity: INFO_BOTH,
    description: '{subject} gained a `default`.',
    message: 'default {to} added',
    example: { before: { type: 'integer' }, after: { type: 'integer', default: 10 } },
  },
  {
    name: 'default-removed',
    subject: 'node',
    severity: { request: 'warning', response: 'info' },
    description:
      '{subject} lost its `default`: a client that leaves the value out may get different behaviour.',
    message: 'default {from} removed',
    example: { before: { type: 'integer', default: 10 }, after: { type: 'integer' } },
  },
  // lifecycle
  {
    name: 'deprecated',
    subject: 'node',
    excludedAreas: ['request-parameter'],
    severity: INFO_BOTH,
    description: '{subject} was marked `deprecated`.',
    message: 'deprecated',
    example: { before: { type: 'string' }, after: { type: 'string', deprecated: true } },
  },
  {
    name: 'reactivated',
    subject: 'node',
    excludedAreas: ['request-parameter'],
    severity: INFO_BOTH,
    description: '{subject} is no longer `deprecated`.',
    message: 'no longer deprecated',
    example: { before: { type: 'string', deprecated: true }, after: { type: 'string' } },
  },
  // properties of objects
  {
    name: 'removed',
    subject: 'property',
    severity: { request: 'warning', response: 'breaking' },
    description:
      'A property was removed. In a request the upstream now ignores or rejects it; in a response a reader no longer gets a field the schema promised (`required`).',
    message: 'property {field} removed',
    example: {
      before: obj({ id: str, email: str }, ['id', 'email']),
      after: obj({ id: str }, ['id']),
    },
  },
  {
    name: 'optional-removed',
    subject: 'property',
    sides: ['response'],
    severity: { request: 'info', response: 'warning' },
    description:
      'An optional property was removed: a reader that used it when present never sees it again.',
    message: 'optional property {field} removed',
    example: { before: obj({ id: str, nickname: str }, ['id']), after: obj({ id: str }, ['id']) },
  },
  {
    name: 'added-required',
    subject: 'property',
    severity: BREAKS_REQUEST,
    description: 'A required property was added: a client that does not send it is rejected.',
    message: 'required property {field} added',
    example: {
      before: obj({ id: str }, ['id']),
      after: obj({ id: str, currency: str }, ['id', 'currency']),
    },
  },
  {
    name: 'added-optional',
    subject: 'property',
    severity: INFO_BOTH,
    description: 'An optional property was added.',
    message: 'optional property {field} added',
    example: { before: obj({ id: str }), after: obj({ id: str, note: str }) },
  },
  {
    name: 'became-required',
    subject: 'property',
    severity: BREAKS_REQUEST,
    description: 'A property became required: a client that leaves it out is rejected.',
    message: 'property {field} became required',
    example: {
      before: obj({ id: str, email: str }, ['id']),
      after: obj({ id: str, email: str }, ['id', 'email']),
    },
  },
  {
    name: 'became-optional',
    subject: 'property',
    severity: BREAKS_RESPONSE,
    description:
      'A property is no longer required: a reader that counted on it may find it missing.',
    message: 'property {field} became optional',
    example: {
      before: obj({ id: str, email: str }, ['id', 'email']),
      after: obj({ id: str, email: str }, ['id']),
    },
  },
]

/** The areas a kind expands into. Property kinds only concern object properties. */
export function areasOfKind(kind: SchemaChangeKind): SchemaArea[] {
  const areas: SchemaArea[] =
    kind.subject === 'property' ? ['request-property', 'response-property'] : [...SCHEMA_AREAS]
  return areas.filter(
    (area) =>
      (!kind.sides || kind.sides.includes(sideOfArea(area))) && !kind.excludedAreas?.includes(area),
  )
}
