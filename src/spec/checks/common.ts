/** What every whole-spec check shares: the finding builder and small value helpers. */
import type { Finding, Severity, SpecPath } from '../findings.js';

/** Where the official image keeps its message store; the renderer mounts the host's store there. */
export const CONTAINER_STORE = '/home/rocketmq/store';

export type Scalar = string | number | boolean;

export function finding(
  severity: Severity,
  code: string,
  path: SpecPath,
  message: string,
  hint?: string,
  at?: 'key' | 'value',
): Finding {
  return { severity, code, message, ...(hint ? { hint } : {}), path, ...(at ? { at } : {}) };
}

/** A path as one string, to group findings by the place they point at. */
export const pathText = (path: SpecPath): string => path.map(String).join('\u0000');

export const show = (value: Scalar): string => (typeof value === 'string' ? `'${value}'` : String(value));

/**
 * Line breaks and other control characters: broker.conf could carry them (escaped), but in a
 * setting they are a paste mistake, and they would break every log line and report that shows them.
 */
export const hasControlCharacter = (value: string): boolean =>
  [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** Leading or trailing whitespace: reported once by checkWhitespace, so value checks skip it. */
export const padded = (value: unknown): boolean => typeof value === 'string' && value !== value.trim();
