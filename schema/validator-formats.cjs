// The string formats the contract and config schemas use, for the compiled validators in
// validators.cjs. Kept in plain CommonJS beside them so they load without TypeScript.
'use strict'
const { fullFormats } = require('ajv-formats/dist/formats')

/** A bare address, or `Name <address>` as in a mail header. */
function isMailbox(value) {
  const named = /^([^<>]*?)\s*<([^<>]+)>$/.exec(value)
  return fullFormats.email.test(named ? named[2] : value)
}

module.exports = {
  email: fullFormats.email,
  uri: fullFormats.uri,
  mailbox: isMailbox,
  // node-cron is loaded by the first contract with a schedule, not by every run.
  cron: (value) => require('node-cron').validate(value),
}
