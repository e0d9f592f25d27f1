/** Checks over the raw document, before the schema: padded strings and reserved keys. */
import type { Finding } from '../findings.js';
import { finding, padded } from './common.js';

/**
 * Strings with leading or trailing whitespace, anywhere in the raw document. RocketMQ 4.x does not
 * trim broker.conf values: `true ` reads as false and `10911 ` falls back to the default.
 */
export function checkWhitespace(data: unknown): Finding[] {
  const out: Finding[] = [];
  const visit = (value: unknown, path: (string | number)[], depth: number): void => {
    if (depth > 64) return;
    if (typeof value === 'string') {
      if (padded(value)) {
        const inBrokerConf = path[0] === 'brokerDefaults' || path.includes('config');
        out.push(
          finding(
            'error',
            'whitespace',
            path,
            `'${value}' has leading or trailing whitespace${inBrokerConf ? ': RocketMQ 4.x does not trim it, so `true ` reads as false and `10911 ` falls back to the default' : ''}`,
            'remove the spaces (they are inside quotes)',
          ),
        );
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, [...path, i], depth + 1));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, [...path, k], depth + 1);
    }
  };
  visit(data, [], 0);
  return out;
}

/**
 * `__proto__` as a key: JavaScript maps of names (and the schema's records) drop it without a word,
 * so a host, group or broker.conf key of that name would vanish. Reported from the raw document.
 */
export function checkReservedKeys(data: unknown): Finding[] {
  const out: Finding[] = [];
  const visit = (value: unknown, path: (string | number)[], depth: number): void => {
    if (depth > 64) return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, [...path, i], depth + 1));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === '__proto__') {
          out.push(
            finding(
              'error',
              'reserved-key',
              [...path, k],
              "key '__proto__' is not allowed: it names the prototype of a JavaScript object, so the entry would be dropped silently",
              'rename or remove it',
              'key',
            ),
          );
          continue;
        }
        visit(v, [...path, k], depth + 1);
      }
    }
  };
  visit(data, [], 0);
  return out;
}
