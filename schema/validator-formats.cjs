// The string formats the contract and config schemas use, for the compiled validators in
// validators.cjs. Kept in plain CommonJS beside them so they load without TypeScript.
'use strict'
const { fullFormats } = require('ajv-formats/dist/formats')

/** A bare address, or `Name <address>` as in a mail header. */
function isMailbox(value) {
  const named = /^([^<>]*?)\s*<([^<>]+)>$/.exec(value)
  return fullFormats.email.test(named ? named[2] : value)
}

// Five fields (minute first) or six (second first), with how many values each field has.
const FIELD_SIZES = [
  ['minute', 60],
  ['hour', 24],
  ['day-of-month', 31],
  ['month', 12],
  ['day-of-week', 8],
]

/**
 * Why a cron expression node-cron accepts still makes no sense, or undefined: a step larger
 * than its field (`*\/61` in the minute field) would fire once an hour at most, never every
 * 61 minutes, which is not what whoever wrote it meant.
 */
function explainCronSteps(value) {
  const fields = String(value).trim().split(/\s+/)
  const names = fields.length === 6 ? [['second', 60], ...FIELD_SIZES] : FIELD_SIZES
  for (let i = 0; i < Math.min(fields.length, names.length); i++) {
    for (const part of fields[i].split(',')) {
      const step = /\/(\d+)$/.exec(part)
      if (step && Number(step[1]) > names[i][1])
        return `the step /${step[1]} in the ${names[i][0]} field is larger than the field's ${names[i][1]} values`
    }
  }
  return undefined
}

module.exports = {
  explainCronSteps,
  email: fullFormats.email,
  uri: fullFormats.uri,
  mailbox: isMailbox,
  // node-cron is loaded by the first contract with a schedule, not by every run.
  cron: (value) => require('node-cron').validate(value) && explainCronSteps(value) === undefined,
}
