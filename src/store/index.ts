export type { Store } from './store.js'
export { createSqliteStore } from './sqlite-store.js'
