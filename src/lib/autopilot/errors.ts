// The one error Autopilot's checks throw: a sentence about the data or the options that the user can act
// on. Named 'DataError' (as the loader's and preparation's errors) so the CLI and the studio print the
// message alone, without a stack.

/** Bad data or bad Autopilot options; `message` names the column or argument and what would work. */
export class AutopilotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}
