/** Plan lines, results and progress lines print values from specs and hosts: none may start a line. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/plan.js';
import { formatPlanText, formatResultText } from '../../src/report/format.js';
import { TerminalReporter } from '../../src/report/terminal.js';
import type { DeployResult } from '../../src/rollout/deploy.js';
import { printable } from '../../src/spec/findings.js';

const FORGED = 'x\n::error file=a.yml::forged\r\u001b[2K\u2028\u202e';

describe('printable text', () => {
  it('escapes every character that breaks or rewrites a line', () => {
    expect(printable(FORGED)).toBe('x\\n::error file=a.yml::forged\\r\\u001b[2K\\u2028\\u202e');
    expect(printable('plain: a → b, tracé, 日本')).toBe('plain: a → b, tracé, 日本');
  });

  it('keeps plan reasons on their line', () => {
    const plan: Plan = {
      cluster: 'c',
      revision: 'r1',
      entries: [
        {
          action: 'replace',
          host: 'A',
          name: 'c-broker-a-0',
          kind: 'master',
          reasons: [`regionId: a → ${FORGED}`],
          configChanges: [],
        },
      ],
    };
    const text = formatPlanText(plan);
    expect(text.split('\n').filter(Boolean)).toHaveLength(4);
    expect(text).not.toMatch(/^::/m);
    for (const c of ['\r', '\u001b', '\u2028', '\u202e']) expect(text).not.toContain(c);
  });

  it('keeps failure messages and container log lines on their lines', () => {
    const result = {
      ok: false,
      plan: { cluster: 'c', revision: 'r1', entries: [] },
      steps: [],
      hostTimings: [],
      noop: false,
      failure: { host: 'A', name: 'c-broker-a-0', message: FORGED, logTail: `one\n${FORGED}\n` },
    } as unknown as DeployResult;
    const lines = formatResultText(result).split('\n').filter(Boolean);
    for (const line of lines) expect(line).toMatch(/^(FAILED on A|Last log lines| {2}\| )/);
  });

  it('keeps progress lines on their line', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString()));
    const reporter = new TerminalReporter(out);
    reporter.log('warning', FORGED, { host: 'A' });
    expect(text).toBe('[A] warning: x\\n::error file=a.yml::forged\\r\\u001b[2K\\u2028\\u202e\n');
  });
});
