import * as core from '@actions/core';
import type { Finding } from '../spec/findings.js';
import type { Level, Reporter } from './reporter.js';

/** Reporter for the action: log lines, `core.group` per host, masks registered with the runner. */
export class GitHubReporter implements Reporter {
  log(level: Level, message: string, fields: { code?: string; host?: string } = {}): void {
    const text = fields.host ? `[${fields.host}] ${message}` : message;
    if (level === 'debug') core.debug(text);
    else if (level === 'warning') core.warning(text);
    else if (level === 'error') core.error(text);
    else core.info(text);
  }

  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    return core.group(title, fn);
  }

  secret(value: string): void {
    if (value) core.setSecret(value);
  }
}

/** One annotation per finding, on the spec's own line, so a PR shows it in the diff. */
export function annotate(findings: readonly Finding[]): void {
  for (const f of findings) {
    // The topology is the job summary's own line: as an annotation it would sit on every PR.
    if (f.code === 'topology') continue;
    const props: core.AnnotationProperties = { title: `rocketmq-rollout: ${f.code}` };
    if (f.file) props.file = f.file;
    if (f.line) props.startLine = f.line;
    if (f.column) props.startColumn = f.column;
    const text = f.hint ? `${f.message} (${f.hint})` : f.message;
    if (f.severity === 'error') core.error(text, props);
    else if (f.severity === 'warning') core.warning(text, props);
    else core.notice(text, props);
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
