/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The page code below runs in the browser (puppeteer evaluates it there).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { marked } from 'marked';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/plan.js';
import { renderCluster } from '../../src/render/render.js';
import {
  buildSummary,
  bySeverity,
  countsInWords,
  type LinkBase,
  type SummaryInput,
} from '../../src/report/summary.js';
import type { DeployFailure, DeployResult } from '../../src/rollout/deploy.js';
import type { Finding } from '../../src/spec/findings.js';
import { validateSpecText } from '../../src/spec/validate.js';

/**
 * The job summary as a user sees it: the markdown the action writes, rendered to HTML the way
 * GitHub renders a summary (markdown with inline HTML), then looked at in headless Chromium.
 * `UPDATE_SUMMARY_PICTURES=1` writes the pictures to docs/ (the README shows them).
 */

const ROOT = join(import.meta.dirname, '..', '..');
const LINKS: LinkBase = {
  serverUrl: 'https://github.com',
  repository: 'acme/mq-infra',
  sha: '0123456789abcdef0123456789abcdef01234567',
  workspace: ROOT,
};

function validated(file: string): SummaryInput {
  const v = validateSpecText(readFileSync(join(ROOT, file), 'utf8'), file);
  const input: SummaryInput = { command: 'validate', spec: file, findings: v.findings };
  if (v.topology) input.topology = v.topology;
  if (v.spec) input.cluster = renderCluster(v.spec, 'abc1234');
  return input;
}

const VALID = (): SummaryInput => validated('examples/two-host-2m-2s-async.yml');
const BROKEN = (): SummaryInput => validated('__tests__/fixtures/broken/three-mistakes.yml');

/** A deploy that failed at broker-a's slave and put the old container back. */
function FAILED(): SummaryInput {
  const base = VALID();
  const plan: Plan = {
    cluster: 'docker-mq-cluster',
    revision: 'abc1234',
    entries: [
      {
        action: 'unchanged',
        host: 'A',
        name: 'docker-mq-cluster-namesrv',
        kind: 'namesrv',
        reasons: [],
        configChanges: [],
      },
      {
        action: 'unchanged',
        host: 'B',
        name: 'docker-mq-cluster-namesrv',
        kind: 'namesrv',
        reasons: [],
        configChanges: [],
      },
      {
        action: 'replace',
        host: 'B',
        name: 'docker-mq-cluster-broker-a-1',
        kind: 'broker',
        reasons: ['fileReservedTime: 48 → 96'],
        configChanges: [{ key: 'fileReservedTime', old: '48', new: '96' }],
      },
      {
        action: 'replace',
        host: 'A',
        name: 'docker-mq-cluster-broker-a-0',
        kind: 'broker',
        reasons: ['fileReservedTime: 48 → 96'],
        configChanges: [{ key: 'fileReservedTime', old: '48', new: '96' }],
      },
    ],
  };
  const result: DeployResult = {
    ok: false,
    plan,
    noop: false,
    hostTimings: [{ host: 'B', ms: 184_300 }],
    steps: [
      {
        host: 'B',
        name: 'docker-mq-cluster-broker-a-1',
        action: 'replace',
        ok: false,
        elapsedMs: 184_300,
        engineMs: 3_100,
        gates: [
          { gate: 'ports', ok: true, detail: '11909, 11911, 11912 open', elapsedMs: 2_100 },
          { gate: 'registered', ok: false, detail: 'not listed by 10.213.0.2:9876', elapsedMs: 180_000 },
        ],
      },
    ],
    failure: {
      host: 'B',
      name: 'docker-mq-cluster-broker-a-1',
      phase: 'step',
      message:
        'gate registered failed after 180.0 s: broker-a/1 is not listed by name server 10.213.0.2:9876',
      restored: 'the previous container docker-mq-cluster-broker-a-1 and its broker.conf, healthy again',
      logTail: Array.from(
        { length: 30 },
        (_, i) =>
          `2026-12-01 11:0${Math.floor(i / 10)}:${String(i % 60).padStart(2, '0')} INFO main - line ${i + 1}`,
      ).join('\n'),
    },
  };
  return { ...base, command: 'deploy', plan, result };
}

function markdown(input: SummaryInput): string {
  core.summary.emptyBuffer();
  const text = buildSummary(input, LINKS).stringify();
  core.summary.emptyBuffer();
  return text;
}

/** GitHub's summary page, approximately: its font, table borders and width. */
function page(md: string): string {
  const css = `
    body { font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328;
           margin: 0; padding: 16px 24px; width: 1012px; background: #fff; }
    h2 { font-size: 1.5em; border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; margin: 0 0 12px; }
    h3 { font-size: 1.25em; margin: 20px 0 8px; }
    table { border-collapse: collapse; margin: 0 0 12px; display: block; overflow: auto; }
    th, td { border: 1px solid #d1d9e0; padding: 4px 10px; text-align: left; vertical-align: top; }
    tr:nth-child(2n) { background: #f6f8fa; }
    code, pre { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: #eff1f3; border-radius: 4px; }
    code { padding: .1em .3em; } pre { padding: 12px; overflow: auto; }
    a { color: #0969da; text-decoration: none; } summary { cursor: pointer; color: #0969da; }`;
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head><body>${marked.parse(md, { async: false })}</body></html>`;
}

describe('job summary content', () => {
  beforeEach(() => core.summary.emptyBuffer());

  it('counts in plain words, only the kinds there are', () => {
    const f = (severity: Finding['severity']): Finding => ({ severity, code: 'x', message: 'm', path: [] });
    expect(countsInWords([f('error')])).toBe('1 error');
    expect(countsInWords([f('error'), f('warning'), f('warning')])).toBe('1 error, 2 warnings');
    expect(countsInWords([])).toBe('no findings');
  });

  it('orders findings errors, warnings, notices, keeping line order within each', () => {
    const f = (severity: Finding['severity'], line: number): Finding => ({
      severity,
      code: 'x',
      message: `${severity}@${line}`,
      path: [],
      line,
    });
    const sorted = bySeverity([
      f('warning', 6),
      f('notice', 7),
      f('error', 15),
      f('warning', 8),
      f('error', 22),
    ]);
    expect(sorted.map((x) => x.message)).toEqual([
      'error@15',
      'error@22',
      'warning@6',
      'warning@8',
      'notice@7',
    ]);
  });

  it('valid: status mark and outcome first, the topology as one line, no "render" in the heading', () => {
    const md = markdown({ ...VALID(), command: 'render', manifest: 'rendered/manifest.json' });
    const lines = md.split('\n').filter(Boolean);
    expect(lines[0]).toBe('<h2>✅ <code>examples/two-host-2m-2s-async.yml</code> is valid</h2>');
    expect(lines[1]).toMatch(/^<p>2 warnings, 1 notice; 7 containers on 2 hosts, rendered to/);
    expect(lines[2]).toMatch(/^<p><b>Topology:<\/b> 2 masters, 2 slaves, async replication\. /);
    expect(md).not.toMatch(/render:|rocketmq-rollout render/);
    // The topology is not repeated as a finding row.
    expect(md).not.toMatch(/<td>ℹ️&nbsp;notice<\/td><td><a [^>]*>[^<]*:20:1</);
  });

  it('broken: errors first, each location a link to the spec line at the commit', () => {
    const md = markdown(BROKEN());
    expect(md.split('\n')[0]).toBe(
      '<h2>❌ <code>__tests__/fixtures/broken/three-mistakes.yml</code> is invalid</h2>',
    );
    expect(md).toContain('<h3>Findings: 3 errors, 2 warnings, 2 notices</h3>');
    const severities = [...md.matchAll(/<td>(❌&nbsp;error|⚠️&nbsp;warning|ℹ️&nbsp;notice)<\/td>/g)].map(
      (m) => m[1]?.replace('&nbsp;', ' '),
    );
    expect(severities).toEqual([
      '❌ error',
      '❌ error',
      '❌ error',
      '⚠️ warning',
      '⚠️ warning',
      'ℹ️ notice',
      'ℹ️ notice',
    ]);
    expect(md).toContain(
      `<a href="https://github.com/acme/mq-infra/blob/${LINKS.sha}/__tests__/fixtures/broken/three-mistakes.yml#L15">`,
    );
    expect(md).not.toMatch(/\b1 errors\b|\berror\(s\)/);
  });

  it('failed deploy: what failed and what was restored come first, the log folded', () => {
    const md = markdown(FAILED());
    expect(md.split('\n')[0]).toBe(
      '<h2>❌ deploy of <code>examples/two-host-2m-2s-async.yml</code> failed on B / docker-mq-cluster-broker-a-1</h2>',
    );
    const at = (text: string) => md.indexOf(text);
    expect(at('<h3>What failed, what was restored</h3>')).toBeGreaterThan(0);
    for (const later of ['<h3>Findings', '<h3>Plan', '<h3>Rollout', '<h3>Topology'])
      expect(at('<h3>What failed, what was restored</h3>')).toBeLessThan(at(later));
    expect(md).toMatch(/<details><summary>Last log lines of the new container<\/summary>[\s\S]*line 30/);
  });

  it('failed parallel deploy: every failed step is listed with what was restored', () => {
    const input = FAILED();
    const first = input.result!.failure!;
    const other: DeployFailure = {
      host: 'A',
      name: 'docker-mq-cluster-broker-b-1',
      phase: 'step',
      message: 'gate ports failed after 60.0 s: 11911 closed',
      restored: 'old docker-mq-cluster-broker-b-1 restored, started and healthy again',
    };
    input.result!.failures = [first, other];
    const md = markdown(input);
    expect(md).toContain(
      '<b>Also failed:</b> A / <code>docker-mq-cluster-broker-b-1</code> (step): gate ports failed',
    );
    expect(md).toContain('old docker-mq-cluster-broker-b-1 restored, started and healthy again');
    expect(md.indexOf('<b>Failed:</b> B')).toBeLessThan(md.indexOf('<b>Also failed:</b> A'));
  });
});

const CHROMIUM = ['CHROMIUM_PATH', 'PUPPETEER_EXECUTABLE_PATH']
  .map((k) => process.env[k])
  .concat(['/usr/bin/chromium', '/usr/bin/chromium-browser'])
  .find((p): p is string => !!p && existsSync(p));

describe.skipIf(!CHROMIUM)('job summary in a browser (headless Chromium)', () => {
  // Without Chromium this block is skipped: scripts/test-setup.sh installs Debian's package.
  type Browser = Awaited<ReturnType<(typeof import('puppeteer-core'))['default']['launch']>>;
  let browser: Browser;
  const out = process.env.UPDATE_SUMMARY_PICTURES
    ? join(ROOT, 'docs')
    : mkdtempSync(join(tmpdir(), 'summary-'));

  beforeAll(async () => {
    const puppeteer = (await import('puppeteer-core')).default;
    browser = await puppeteer.launch({
      ...(CHROMIUM !== undefined ? { executablePath: CHROMIUM } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
    });
  }, 60_000);
  afterAll(async () => browser?.close());

  /** Renders one summary, saves its picture, and returns what a reader sees at the top. */
  async function look(name: string, input: SummaryInput) {
    const p = await browser.newPage();
    try {
      await p.setViewport({ width: 1060, height: 700 });
      await p.setContent(page(markdown(input)), { waitUntil: 'load' });
      mkdirSync(out, { recursive: true });
      const file = join(out, `summary-${name}.png`);
      await p.screenshot({ path: file, fullPage: true });
      const seen = await p.evaluate(() => {
        // What a reader can see: a closed <details> hides its content from layout and paint.
        const visible = (e: Element) => e.checkVisibility();
        const h2 = document.querySelector('h2');
        const h3 = [...document.querySelectorAll('h3')].map((h) => ({
          text: h.textContent ?? '',
          top: h.getBoundingClientRect().top,
        }));
        const pre = document.querySelector('details pre');
        return {
          heading: h2?.textContent ?? '',
          headingTop: h2?.getBoundingClientRect().top ?? -1,
          outcome: h2?.nextElementSibling?.textContent ?? '',
          h3,
          firstSeverity: document.querySelector('td')?.textContent ?? '',
          links: [...document.querySelectorAll('td a')].map((a) => (a as HTMLAnchorElement).href),
          logVisible: pre ? visible(pre) : undefined,
        };
      });
      return { file, ...seen };
    } finally {
      await p.close();
    }
  }

  it('valid run: a green mark and the outcome at the very top', async () => {
    const s = await look('valid', VALID());
    expect(s.heading).toBe('✅ examples/two-host-2m-2s-async.yml is valid');
    expect(s.headingTop).toBeLessThan(40);
    expect(s.outcome).toBe('2 warnings, 1 notice; 7 containers on 2 hosts.');
    expect(statSync(s.file).size).toBeGreaterThan(10_000);
  }, 60_000);

  it('broken spec: the first row is an error, and its location links to the line', async () => {
    const s = await look('broken', BROKEN());
    expect(s.heading).toMatch(/^❌ .* is invalid$/);
    expect(s.outcome).toMatch(/^3 errors, 2 warnings, 2 notices: fix the errors below/);
    expect(s.firstSeverity).toBe('❌\u00a0error');
    expect(s.links[0]).toMatch(
      /^https:\/\/github\.com\/acme\/mq-infra\/blob\/0123456789abcdef[0-9a-f]+\/.*#L\d+$/,
    );
  }, 60_000);

  it('failed deploy: what failed and what was restored before anything else, the log folded', async () => {
    const s = await look('failed', FAILED());
    expect(s.heading).toMatch(/^❌ deploy of .* failed on B \/ docker-mq-cluster-broker-a-1$/);
    expect(s.outcome).toBe(
      'Stopped at the first failure, 0 of 2 planned changes done; the failed step was undone.',
    );
    expect(s.h3[0]?.text).toBe('What failed, what was restored');
    expect(s.h3[0]?.top).toBeLessThan(250);
    expect(s.logVisible).toBe(false);
  }, 60_000);
});
