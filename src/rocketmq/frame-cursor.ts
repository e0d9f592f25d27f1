/**
 * A bounds-checked cursor over RocketMQ's length-prefixed binary layouts (the remoting protocol's
 * binary header, a stored message): every length is checked to be non-negative and to fit in what
 * is left before it is used, so a short or hostile frame fails with what was cut, never reads past.
 */
export class FrameCursor {
  constructor(
    private readonly buf: Buffer,
    /** What the layout is, for the message: "binary header", "stored message". */
    private readonly layout: string,
    private readonly error: (message: string) => Error,
    public pos = 0,
  ) {}

  need(n: number, what: string): void {
    if (this.pos + n > this.buf.length) throw this.error(`${this.layout} truncated in ${what}`);
  }

  /** A field's length prefix (1 byte unsigned, or a 2 or 4 byte signed big-endian integer). */
  length(size: 1 | 2 | 4, what: string): number {
    this.need(size, `${what} length`);
    const n =
      size === 1
        ? this.buf.readUInt8(this.pos)
        : size === 2
          ? this.buf.readInt16BE(this.pos)
          : this.buf.readInt32BE(this.pos);
    this.pos += size;
    if (n < 0) throw this.error(`negative ${what} length ${n}`);
    this.need(n, what);
    return n;
  }

  /** The next `n` bytes as UTF-8 (checked by `length` or `need` first). */
  text(n: number): string {
    const s = this.buf.toString('utf8', this.pos, this.pos + n);
    this.pos += n;
    return s;
  }

  /** A copy of the next `n` bytes (checked by `length` or `need` first). */
  bytes(n: number): Buffer {
    const b = Buffer.from(this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
    return b;
  }
}
