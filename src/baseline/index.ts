export {
  acceptBaseline,
  type AcceptBaselineDeps,
  type AcceptBaselineOptions,
} from './accept-baseline.js'
export { captureRootText } from './capture-root-text.js'
export { writeBaselineFile } from './write-baseline-file.js'
export {
  pinMissingBaseline,
  type PinMissingBaselineDeps,
  type PinOutcome,
} from './pin-missing-baseline.js'
