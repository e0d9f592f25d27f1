/**
 * Writing java.util.Properties text. RocketMQ loads broker.conf with Properties#load from a byte
 * stream: ISO-8859-1, backslash escapes, `\uXXXX`, a trailing backslash joining the next line, `#`
 * and `!` starting comments. Written raw, `trace\` would swallow the next key and `tracé` would
 * arrive as `tracÃ©`. This writer escapes like Properties#store does (with every character outside
 * printable ASCII as `\uXXXX`), so the file is plain ASCII and reads back as exactly the value given.
 */

function escape(text: string, isKey: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charAt(i);
    const code = text.charCodeAt(i);
    switch (c) {
      case '\\':
        out += '\\\\';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\f':
        out += '\\f';
        break;
      case '=':
      case ':':
      case '#':
      case '!':
        // They end a key (or start a comment line); once the `=` is written, a value holds them as is.
        out += isKey ? `\\${c}` : c;
        break;
      case ' ':
        // Properties skips the whitespace that starts a value and ends a key at one.
        out += i === 0 || isKey ? '\\ ' : ' ';
        break;
      default:
        // One UTF-16 unit at a time: Java reads a surrogate pair back as the same two units.
        out += code < 0x20 || code > 0x7e ? `\\u${code.toString(16).toUpperCase().padStart(4, '0')}` : c;
    }
  }
  return out;
}

/** One `key=value` line (without the line break) that Properties#load reads back unchanged. */
export function propertiesLine(key: string, value: string): string {
  return `${escape(key, true)}=${escape(value, false)}`;
}

/**
 * A whole file: `comments` as `#` lines (each must be one line of printable text), then one line
 * per entry, in the given order, ending with a line break.
 */
export function formatPropertiesFile(
  entries: Iterable<readonly [string, string]>,
  comments: readonly string[] = [],
): string {
  const lines = comments.map((c) => `# ${escapeComment(c)}`);
  for (const [key, value] of entries) lines.push(propertiesLine(key, value));
  return `${lines.join('\n')}\n`;
}

/** Comments are free text: keep them on their line and in ASCII. */
function escapeComment(text: string): string {
  return text.replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/**
 * java.util.Properties#load, for broker.conf files read back from a host (plan and undo compare them
 * with the rendered config). Java semantics matter here: values are NOT trimmed at the end (4.x does
 * not trim either), `\` escapes and `\uXXXX` are decoded, a trailing odd backslash continues the
 * line, `#`/`!` start comments, and the key ends at `=`, `:` or whitespace. The input is
 * already-decoded text; rendered files are plain ASCII, so there is no ISO-8859-1 step. The answer to
 * GET_BROKER_CONFIG is not escaped at all: parseBrokerConfigReport reads it.
 */
export class PropertiesSyntaxError extends SyntaxError {
  constructor(message: string) {
    super(message);
    this.name = 'PropertiesSyntaxError';
  }
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\f';

/** Later definitions of a key replace earlier ones, as Properties.put does. */
export function parseProperties(text: string): Record<string, string> {
  const result = Object.create(null) as Record<string, string>;
  for (const line of logicalLines(text)) {
    const [key, value] = splitKeyValue(line);
    result[key] = value;
  }
  return result;
}

/**
 * Joins continued lines and drops blank and comment lines, leaving escapes in place (like
 * Properties.LineReader): a continuation is a line ending in an odd number of backslashes; the
 * next line's leading whitespace is skipped.
 */
function logicalLines(text: string): string[] {
  const natural = text.split(/\r\n|\r|\n/);
  const lines: string[] = [];
  let current: string | undefined;
  for (const raw of natural) {
    let start = 0;
    while (isBlank(raw[start])) start += 1;
    const rest = raw.slice(start);
    if (current === undefined) {
      if (rest === '' || rest.startsWith('#') || rest.startsWith('!')) continue;
      current = '';
    } else if (rest === '') {
      // A continuation onto an empty line ends the logical line there.
      lines.push(current);
      current = undefined;
      continue;
    }
    let backslashes = 0;
    for (let i = rest.length - 1; i >= 0 && rest[i] === '\\'; i -= 1) backslashes += 1;
    if (backslashes % 2 === 1) {
      current += rest.slice(0, -1);
    } else {
      lines.push(current + rest);
      current = undefined;
    }
  }
  // A backslash on the very last line continues into nothing: Java drops it and keeps the line.
  if (current !== undefined && current !== '') lines.push(current);
  return lines;
}

function splitKeyValue(line: string): [string, string] {
  let keyEnd = 0;
  let valueStart = line.length;
  let hasSeparator = false;
  let escaped = false;
  while (keyEnd < line.length) {
    const c = line[keyEnd];
    if (!escaped && (c === '=' || c === ':')) {
      valueStart = keyEnd + 1;
      hasSeparator = true;
      break;
    }
    if (!escaped && isBlank(c)) {
      valueStart = keyEnd + 1;
      break;
    }
    escaped = c === '\\' ? !escaped : false;
    keyEnd += 1;
  }
  // Whitespace, then at most one '=' or ':' if the key ended on whitespace, then whitespace.
  while (valueStart < line.length) {
    const c = line[valueStart];
    if (!isBlank(c)) {
      if (!hasSeparator && (c === '=' || c === ':')) hasSeparator = true;
      else break;
    }
    valueStart += 1;
  }
  return [unescape(line.slice(0, keyEnd)), unescape(line.slice(valueStart))];
}

function unescape(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    i += 1;
    const e = s[i];
    if (e === undefined) break; // a lone trailing backslash: Java drops it
    if (e === 'u') {
      const hex = s.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex))
        throw new PropertiesSyntaxError(`Malformed \\uxxxx encoding in ${JSON.stringify(s)}`);
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else if (e === 't') out += '\t';
    else if (e === 'n') out += '\n';
    else if (e === 'r') out += '\r';
    else if (e === 'f') out += '\f';
    else out += e;
  }
  return out;
}

/**
 * The body of GET_BROKER_CONFIG as the broker writes it: MixAll.properties2String appends
 * `key + "=" + value + "\n"` for every entry, with no escaping. Read with Properties semantics, a
 * loaded `trace\` would continue into the next key and a literal `\u0041` would turn into `A`, so a
 * broker that loaded the rendered value exactly would look wrong; split each line at its first `=`.
 */
export function parseBrokerConfigReport(text: string): Record<string, string> {
  const result = Object.create(null) as Record<string, string>;
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    result[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return result;
}
