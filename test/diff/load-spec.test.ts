import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { diffSpecs } from '../../src/diff/diff-specs.js'
import { loadSpec } from '../../src/diff/load/load-spec.js'
import { useTempDir } from '../support/temp-dir.js'
import { loadError } from '../support/load-error.js'

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))

describe('loadSpec from files', () => {
  const tmp = useTempDir('diff')

  it('loads a Swagger 2.0 document and converts it to the 3.0 model', async () => {
    const spec = await loadSpec(fixture('equivalence/swagger-2.0-base.yaml'))
    expect(spec.version).toBe('2.0')
    expect(spec.document.openapi).toMatch(/^3\.0/)
    expect(spec.document.servers).toEqual([{ url: 'https://api.example.com/v1' }])
  })

  it('loads a 3.0 YAML document and a 3.1 JSON document', async () => {
    expect((await loadSpec(fixture('equivalence/allof-flattened-base.yaml'))).version).toBe('3.0')
    const spec = await loadSpec(fixture('load/petstore-3.1.json'))
    expect(spec.version).toBe('3.1')
    expect(spec.problems).toEqual([])
  })

  it('diffs circular schemas without expanding them, reporting each change once per operation', async () => {
    const result = diffSpecs(
      await loadSpec(fixture('load/circular-base.yaml')),
      await loadSpec(fixture('load/circular-revision.yaml')),
    )
    expect(
      result.changes
        .map((change) => `${change.operation} ${change.rule}: ${change.message}`)
        .sort(),
    ).toEqual([
      'GET /nodes/{id} response-property-became-optional: response 200 (application/json): property label became optional',
      'GET /nodes/{id} response-property-max-added: response 200 (application/json), owner.name: maxLength 50 added',
      'POST /nodes request-property-became-optional: request body (application/json): property label became optional',
      'POST /nodes request-property-max-added: request body (application/json), owner.name: maxLength 50 added',
    ])
  })

  it('pulls in refs to sibling files, keeping a circular ref as a ref', async () => {
    const spec = await loadSpec(fixture('load/multi-file/root.yaml'))
    const schema = (spec.document as any).paths['/pets'].get.responses['200'].content[
      'application/json'
    ].schema
    expect(schema.properties.friend.$ref).toMatch(/^#\//)
  })

  it('refuses an http ref from a file document unless its origin is allowed', async () => {
    const error = await loadError(fixture('load/remote-ref.yaml'))
    expect(error.code).toBe('SPEC_REF_REFUSED')
    expect(error.message).toContain('https://schemas.example.com')
  })

  it('rejects a document without responses, naming the place and the reason', async () => {
    const error = await loadError(fixture('load/invalid-missing-responses.yaml'))
    expect(error.code).toBe('SPEC_INVALID')
    expect(error.message).toContain('/paths/~1pets/get/responses: responses is missing')
    expect(error.message).toContain('--strict')
  })

  it('rejects a $ref that points at nothing', async () => {
    const error = await loadError(fixture('load/invalid-dangling-ref.yaml'))
    expect(error.code).toBe('SPEC_INVALID')
    expect(error.message).toContain('$ref #/components/schemas/Missing points at nothing')
  })

  it('reads a schema property named `required` as a name, not as the keyword', async () => {
    const spec = await loadSpec(fixture('load/property-named-required.yaml'))
    expect(spec.problems).toEqual([])
  })

  it('still rejects a `required` keyword that is not a list of names', async () => {
    const file = await tmp.write(
      'bad-required.yaml',
      'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      required: name\n',
    )
    const error = await loadError(file)
    expect(error.message).toContain('/components/schemas/Pet/required: required must be an array')
  })

  it('loads an invalid document when lenient, keeping its problems', async () => {
    const spec = await loadSpec(fixture('load/invalid-missing-responses.yaml'), { lenient: true })
    expect(spec.problems).toEqual(['/paths/~1pets/get/responses: responses is missing'])
  })

  it('reports unparsable YAML as unreadable with its line', async () => {
    const error = await loadError(fixture('load/unparsable.yaml'))
    expect(error.code).toBe('SPEC_UNREADABLE')
    expect(error.message).toMatch(/unparsable\.yaml:\d+:\d+: not valid YAML/)
  })

  it('refuses a YAML alias bomb instead of expanding it', async () => {
    const error = await loadError(fixture('load/alias-bomb.yaml'), { maxAliasCount: 100 })
    expect(error.code).toBe('SPEC_UNREADABLE')
    expect(error.message).toContain('aliases')
  })

  it('refuses a file larger than the size cap', async () => {
    const error = await loadError(fixture('load/petstore-3.1.json'), { maxBytes: 100 })
    expect(error.code).toBe('SPEC_UNREADABLE')
    expect(error.message).toContain('larger than 100 bytes')
  })

  it('reports a missing file as unreadable', async () => {
    const error = await loadError(join(tmp.path, 'nope.yaml'))
    expect(error.code).toBe('SPEC_UNREADABLE')
    expect(error.message).toContain('nope.yaml')
  })

  it('rejects an unsupported version field', async () => {
    const file = await tmp.write(
      'v4.json',
      JSON.stringify({ openapi: '4.0.0', info: { title: 't', version: '1' }, paths: {} }),
    )
    const error = await loadError(file)
    expect(error.code).toBe('SPEC_INVALID')
    expect(error.message).toContain('/openapi')
  })

  it("runs swagger-parser's full validation when asked to", async () => {
    const file = await tmp.write(
      'bad-schema.yaml',
      'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "200": { description: OK }\n      bogus: 1\n',
    )
    expect((await loadSpec(file)).problems).toEqual([])
    const error = await loadError(file, { validation: 'full' })
    expect(error.code).toBe('SPEC_INVALID')
  })
})
