/**
 * THE one place where an argv becomes a POSIX `sh` command line. SSH transports a single string
 * that the remote login shell parses, so every remote command passes through here. Keep it small
 * enough to audit: an item is either left alone because it is made only of characters that `sh`
 * never treats specially, or it is wrapped in single quotes, inside which `sh` interprets nothing
 * (a `'` itself is written as `'\''`: close, escaped quote, reopen).
 */

import { RolloutError } from '../errors.js';

/** Characters that are never special to `sh`, in any word position (as in Python's shlex.quote). */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Words that `sh` would read as syntax if they came first: quoting them makes them plain command
 * names. (`!`, `{` and `}` are already quoted because they are not in SAFE_WORD.)
 */
const RESERVED_WORDS = new Set([
  'case',
  'do',
  'done',
  'elif',
  'else',
  'esac',
  'fi',
  'for',
  'if',
  'in',
  'then',
  'until',
  'while',
  'function',
  'select',
]);

export class QuoteError extends RolloutError {
  constructor(message: string) {
    super('quote', message);
  }
}

/** Quote one word; `first` marks the command name, where `A=b` would be an assignment. */
export function quoteWord(word: string, first = false): string {
  if (word.includes('\0')) {
    throw new QuoteError(
      `argument contains a NUL byte, which no shell command line can carry: ${JSON.stringify(word)}`,
    );
  }
  const safe = SAFE_WORD.test(word) && !(first && (word.includes('=') || RESERVED_WORDS.has(word)));
  return safe ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Turn an argv into one `sh` command line that runs exactly that argv. */
export function quoteArgv(argv: readonly string[]): string {
  if (argv.length === 0) throw new QuoteError('cannot quote an empty argv: there is no command to run');
  return argv.map((word, i) => quoteWord(word, i === 0)).join(' ');
}
