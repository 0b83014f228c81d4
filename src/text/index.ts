export {
  createSecretScrubber,
  listSecretForms,
  MIN_SECRET_LENGTH,
  scrubSecrets,
  SECRET_PLACEHOLDER,
  type SecretScrubber,
} from './scrub-secrets.js'
