/** Where progress goes: a stream that may be a terminal. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Progress of a long run on a terminal (`read 40 of 120 files`), rewritten in place and cleared at the end.
 * Silent unless the stream is a TTY, and until the run is long: at least `minItems` items, or `minMillis` elapsed.
 */
export class Progress {
  /** Progress on standard error, active only when it is a terminal. */
  public static stderr(): Progress {
    return new Progress(process.stderr);
  }

  private readonly started: number;
  private lastWrite = -Infinity;
  private shown = false;

  /**
   * @param stream where progress goes (nothing is written unless it is a TTY)
   * @param minItems show progress from this many items on
   * @param minMillis or once the run has taken this long
   * @param now the clock (tests)
   */
  constructor(
    private readonly stream: ProgressStream,
    private readonly minItems = 20,
    private readonly minMillis = 1000,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  /** Reports `done` of `total` items (`files`, `objects` ...). */
  public update(done: number, total: number, what: string, verb = 'read'): void {
    if (this.stream.isTTY !== true) return;
    const t = this.now();
    if (total < this.minItems && t - this.started < this.minMillis) return;
    // At most ten updates a second, and always the last one.
    if (done < total && t - this.lastWrite < 100) return;
    this.lastWrite = t;
    this.shown = true;
    this.stream.write(`\r\x1b[K${verb} ${done} of ${total} ${what}`);
  }

  /** A one-off status (`validating 5000 objects`), shown only when progress is already on screen. */
  public status(text: string): void {
    if (this.stream.isTTY !== true || !this.shown) return;
    this.stream.write(`\r\x1b[K${text}`);
  }

  /** Clears the progress line, if one was written. */
  public finish(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
