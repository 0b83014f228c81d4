import { fileURLToPath } from 'node:url'
import { benchDocumentFile, benchSpecsAvailable } from './support/bench-documents.js'
import type { OperationChoice } from './support/spec-upstream.js'

/** A document the drift test serves, and the GET operations its pilot uses. */
export interface DriftDocument {
  /** A contract name: [a-z0-9-]+. */
  name: string
  file: string
  operations: OperationChoice[]
  /**
   * The control: retypes, in a copy of the document, a field every answer of one operation has,
   * and names it as findings do. Drift that is never red proves nothing.
   */
  retype?: { field: string; apply(document: Record<string, any>): void }
}

const get = (...paths: string[]): OperationChoice[] =>
  paths.map((path) => ({ method: 'GET', path }))

/** The two documents of our own: small, and using every kind of allowed drift on purpose. */
export const OWN_DOCUMENTS: DriftDocument[] = [
  {
    name: 'shop',
    file: fileURLToPath(new URL('./fixtures/shop.openapi.yaml', import.meta.url)),
    operations: get('/orders', '/orders/{id}'),
    retype: {
      field: '$.total',
      apply: (document) =>
        (document.components.schemas.Order.properties.total = { type: 'string' }),
    },
  },
  {
    name: 'library',
    file: fileURLToPath(new URL('./fixtures/library.openapi.json', import.meta.url)),
    operations: get('/books', '/books/{isbn}'),
    retype: {
      field: '$.title',
      apply: (document) =>
        (document.components.schemas.Book.properties.title = { type: 'integer' }),
    },
  },
]

/**
 * Real vendors' documents (read from ../shared/bench-specs, never copied): a few GET operations
 * each, lists and single objects, chosen among those the generator can fill in well under a
 * second (Stripe's customer, say, recurses without end through its expandable fields).
 */
export function realDocuments(): DriftDocument[] {
  if (!benchSpecsAvailable()) return []
  return [
    {
      name: 'stripe',
      file: benchDocumentFile('stripe-2022-04-01', 'new'),
      operations: get(
        '/v1/products',
        '/v1/products/{id}',
        '/v1/balance',
        '/v1/coupons/{coupon}',
        '/v1/tax_rates/{tax_rate}',
      ),
    },
    {
      name: 'twilio',
      file: benchDocumentFile('twilio-api-2025-09-04', 'new'),
      operations: get(
        '/2010-04-01/Accounts.json',
        '/2010-04-01/Accounts/{Sid}.json',
        '/2010-04-01/Accounts/{AccountSid}/Calls.json',
        '/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json',
      ),
    },
    {
      name: 'plaid',
      file: benchDocumentFile('plaid-2026-06-10', 'new'),
      operations: get(
        '/fdx/recipients',
        '/fdx/consents/{consentId}',
        '/fdx/recipient/{recipientId}',
      ),
    },
  ]
}
