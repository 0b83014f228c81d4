export {
  createSecretScrubber,
  listSecretForms,
  MIN_SECRET_LENGTH,
  scrubSecrets,
  SECRET_PLACEHOLDER,
  type SecretScrubber,
} from './scrub-secrets.js'
export { escapeHtml } from './escape-html.js'
export { locateOffset, type TextPosition } from './locate-offset.js'
export { excerptText, EXCERPT_LIMIT_BYTES, type TextExcerpt } from './excerpt-text.js'
export {
  describeTooDeep,
  findTooDeepJson,
  isTooDeepGraph,
  isTooDeepValue,
  MAX_NESTING_DEPTH,
  parseJson,
} from './nesting-depth.js'
