/**
 * The errors every cloud's readers turn their failures into. The message is what a user reads on
 * the card, so it says what was refused or failed and what to do, in the cloud's words; it never
 * carries a stack trace. The batch cache keeps a NotConfiguredError as `not-configured` and any
 * other failure as `error`.
 */

/** A section cannot be read because something must be configured first. */
export class NotConfiguredError extends Error {
  name = 'NotConfiguredError';
}

/** A section's cloud call failed; the message names the refused permission or the failure in words. */
export class SectionReadError extends Error {
  name = 'SectionReadError';
}
