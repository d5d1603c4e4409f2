// A JSON Lines file is a SageMaker data capture when its first record has captureData.endpointInput; the
// first non-blank line decides, and the text held back until then is replayed to the reader it picks. The
// decision waits for the whole first line rather than the loader's 4 KiB head, because one captured
// request (a batch of CSV rows) can be far longer than that.
import { CaptureReader, isCaptureRecord, type CaptureRead, type CaptureReaderOptions } from './capture-reader.ts';
import { JsonLinesReader, type JsonRead } from './json-reader.ts';

/** JSON Lines read as records, or as a data capture when the first record is a capture line. */
export class JsonLinesOrCaptureReader {
  private held: string[] = [];
  private heldAll = '';
  /** Where the line being gathered starts in heldAll, and where the search for its end resumes. */
  private lineStart = 0;
  private scanned = 0;
  private reader: JsonLinesReader | CaptureReader | null = null;

  /** `options`: the load's missing-value and date options (the capture reader types its cells with them). */
  constructor(private readonly file: string, private readonly options: CaptureReaderOptions = {}) {}

  get rows(): number {
    return this.reader?.rows ?? 0;
  }

  /** Whether the file is being read as a data capture (known once its first record has arrived). */
  get isCapture(): boolean {
    return this.reader instanceof CaptureReader;
  }

  push(text: string): void {
    if (this.reader) {
      this.reader.push(text);
      return;
    }
    this.held.push(text);
    this.heldAll += text;
    // Only the new text is searched, so a first line that arrives in many chunks costs no rescans.
    for (let nl = this.heldAll.indexOf('\n', this.scanned); nl >= 0; nl = this.heldAll.indexOf('\n', this.lineStart)) {
      const line = this.heldAll.slice(this.lineStart, nl);
      this.lineStart = nl + 1;
      if (line.trim() !== '') {
        this.choose(line);
        return;
      }
    }
    this.scanned = this.heldAll.length;
  }

  private choose(firstLine: string): void {
    let value: unknown;
    try {
      value = JSON.parse(firstLine);
    } catch {
      value = undefined; // the JSON Lines reader reports the line and column
    }
    this.reader = isCaptureRecord(value) ? new CaptureReader(this.file, this.options) : new JsonLinesReader(this.file, this.options.dateFormats);
    for (const t of this.held) this.reader.push(t);
    this.held = [];
    this.heldAll = '';
  }

  finish(): JsonRead | CaptureRead {
    if (!this.reader) this.choose(this.heldAll.trim());
    return this.reader!.finish();
  }
}
