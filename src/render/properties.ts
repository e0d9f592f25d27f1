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
