// The one error a request can earn: an HTTP status (400 malformed, 406 an Accept that cannot be written,
// 413 too large, 415 an unsupported Content-Type) and a sentence a person can act on. The endpoint answers
// it as text/plain with that status; the studio shows the sentence.

/** A request the model cannot answer as sent; `status` is the HTTP status to answer with. */
export class PayloadError extends Error {
  override name = 'PayloadError';
  /** 400, 406, 413 or 415. */
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}
