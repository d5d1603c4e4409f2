// The one error preparation throws: a sentence about the data or the options that the user can act on.
// Named 'DataError' so the CLI and the studio report it as they report a loader's message (no stack).

/** Bad data or bad preparation options; `message` names the column or argument and what would work. */
export class PrepareError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}
