/**
 * Test-only: a Properties writer of its own (not the renderer's), for fixtures and fake brokers;
 * it escapes so that parseProperties (and Java) read back exactly `entries`.
 */
export function formatProperties(entries: Record<string, string>): string {
  const esc = (s: string, isKey: boolean): string => {
    let out = '';
    for (let i = 0; i < s.length; i += 1) {
      const c = s[i] as string;
      const code = c.charCodeAt(0);
      if (c === '\\') out += '\\\\';
      else if (c === '\t') out += '\\t';
      else if (c === '\n') out += '\\n';
      else if (c === '\r') out += '\\r';
      else if (c === '\f') out += '\\f';
      else if (c === '=' || c === ':' || c === '#' || c === '!') out += `\\${c}`;
      else if (c === ' ' && (isKey || i === 0)) out += '\\ ';
      else if (code < 0x20) out += `\\u${code.toString(16).padStart(4, '0')}`;
      else out += c;
    }
    return out;
  };
  return Object.entries(entries)
    .map(([k, v]) => `${esc(k, true)}=${esc(v, false)}\n`)
    .join('');
}
