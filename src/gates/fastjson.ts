/**
 * A JSON parser that also accepts what fastjson writes and JSON.parse rejects: map keys that are bare
 * integers (`{"brokerAddrs":{0:"10.0.0.1:10911"}}`, RocketMQ's HashMap<Long, String>). Everything
 * else is strict JSON (RFC 8259). Written by hand because a regex pre-pass cannot tell `{0:` inside
 * a string from a real key, and no small library accepts exactly this dialect.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export class FastjsonSyntaxError extends SyntaxError {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at position ${position}`);
    this.name = 'FastjsonSyntaxError';
  }
}

/** Nesting limit: bodies are a few levels deep; a hostile answer must not blow the stack. */
const MAX_DEPTH = 256;

export function parseFastjson(text: string): JsonValue {
  const parser = new Parser(text);
  parser.skipWhitespace();
  const value = parser.value(0);
  parser.skipWhitespace();
  if (!parser.atEnd()) parser.fail('unexpected text after the JSON value');
  return value;
}

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  fail(message: string): never {
    throw new FastjsonSyntaxError(message, this.pos);
  }

  skipWhitespace(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      // JSON whitespace only: space, tab, LF, CR.
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.pos += 1;
      else break;
    }
  }

  value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) this.fail('nesting too deep');
    const c = this.text[this.pos];
    switch (c) {
      case '{':
        return this.object(depth + 1);
      case '[':
        return this.array(depth + 1);
      case '"':
        return this.string();
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
      case undefined:
        return this.fail('unexpected end of input');
      default:
        if (c === '-' || (c >= '0' && c <= '9')) return this.number();
        return this.fail(`unexpected character ${JSON.stringify(c)}`);
    }
  }

  private literal<T extends JsonValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail(`expected ${word}`);
    this.pos += word.length;
    return value;
  }

  private object(depth: number): { [key: string]: JsonValue } {
    this.pos += 1; // {
    // A null-prototype object: a key named __proto__ is data, never a prototype change.
    const result = Object.create(null) as { [key: string]: JsonValue };
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos += 1;
      return result;
    }
    for (;;) {
      this.skipWhitespace();
      const key = this.key();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail("expected ':' after object key");
      this.pos += 1;
      this.skipWhitespace();
      result[key] = this.value(depth);
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos += 1;
        continue;
      }
      if (c === '}') {
        this.pos += 1;
        return result;
      }
      this.fail("expected ',' or '}' in object");
    }
  }

  /** A quoted key, or fastjson's bare integer key (kept as its decimal text). */
  private key(): string {
    const c = this.text[this.pos];
    if (c === '"') return this.string();
    const match = /^-?(0|[1-9][0-9]*)/.exec(this.text.slice(this.pos, this.pos + 32));
    if (!match) this.fail('expected a quoted key or an integer key');
    this.pos += match[0].length;
    return match[0];
  }

  private array(depth: number): JsonValue[] {
    this.pos += 1; // [
    const result: JsonValue[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos += 1;
      return result;
    }
    for (;;) {
      this.skipWhitespace();
      result.push(this.value(depth));
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos += 1;
        continue;
      }
      if (c === ']') {
        this.pos += 1;
        return result;
      }
      this.fail("expected ',' or ']' in array");
    }
  }

  private number(): number {
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(
      this.text.slice(this.pos, this.pos + 400),
    );
    if (!match) return this.fail('malformed number');
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private string(): string {
    this.pos += 1; // opening quote
    let out = '';
    let runStart = this.pos;
    for (;;) {
      if (this.pos >= this.text.length) this.fail('unterminated string');
      const code = this.text.charCodeAt(this.pos);
      if (code === 0x22) {
        out += this.text.slice(runStart, this.pos);
        this.pos += 1;
        return out;
      }
      if (code < 0x20) this.fail('control character in string');
      if (code !== 0x5c) {
        this.pos += 1;
        continue;
      }
      out += this.text.slice(runStart, this.pos);
      out += this.escape();
      runStart = this.pos;
    }
  }

  /** At a backslash: returns the escaped text. `\uXXXX` pairs are UTF-16 units, so surrogates join up. */
  private escape(): string {
    const e = this.text[this.pos + 1];
    this.pos += 2;
    switch (e) {
      case '"':
        return '"';
      case '\\':
        return '\\';
      case '/':
        return '/';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u': {
        const hex = this.text.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape');
        this.pos += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      default:
        this.pos -= 2;
        return this.fail('bad escape in string');
    }
  }
}
