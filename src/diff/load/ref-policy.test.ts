import { describe, expect, it } from 'vitest'
import { checkRef } from './ref-policy.js'

const fromUrl = { rootOrigin: 'https://api.example.com', allowedOrigins: [] }
const fromFile = { allowedOrigins: ['https://specs.example.com'] }

describe('checkRef', () => {
  it('lets a URL document reach its own origin only', () => {
    expect(() =>
      checkRef(fromUrl, 'https://api.example.com/schemas/pet.yaml', 'root'),
    ).not.toThrow()
    expect(() => checkRef(fromUrl, 'https://evil.example.com/pet.yaml', 'root')).toThrow(
      /not on the document's own origin/,
    )
    expect(() => checkRef(fromUrl, 'http://api.example.com/pet.yaml', 'root')).toThrow(
      /SPEC_REF_REFUSED|own origin/,
    )
  })

  it('never lets a URL document read local files', () => {
    expect(() => checkRef(fromUrl, 'file:///etc/passwd', 'root')).toThrow(
      /may not read local files/,
    )
    expect(() => checkRef(fromUrl, '/etc/passwd', 'root')).toThrow(/may not read local files/)
  })

  it('lets a file document read files and only the allowed origins', () => {
    expect(() => checkRef(fromFile, '/specs/pet.yaml', 'root')).not.toThrow()
    expect(() => checkRef(fromFile, 'https://specs.example.com/pet.yaml', 'root')).not.toThrow()
    expect(() => checkRef(fromFile, 'https://other.example.com/pet.yaml', 'root')).toThrow(
      /not one/,
    )
  })

  it('refuses other schemes', () => {
    expect(() => checkRef(fromFile, 'ftp://specs.example.com/pet.yaml', 'root')).toThrow(
      /ftp: scheme/,
    )
  })
})
