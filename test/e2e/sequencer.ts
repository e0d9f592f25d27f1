import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The e2e files in a fixed order, grouped by the lab mode they ask for: a switch between plain
 * and field mode takes the lab down and up again and loses the deployed cluster, so the field
 * files run together, then the plain ones. lab-smoke takes the lab down itself: it goes first.
 * Files not listed run after the listed ones, in vitest's own order.
 */
export const E2E_ORDER = [
  'ssh', // no lab
  'lab-smoke', // brings its own lab up and down
  // field mode
  'deploy',
  'field',
  'parallel',
  'drain', // either mode: keeps the one it finds
  'sync-master', // either mode
  // plain mode
  'crash-safety',
  'plan-file',
  'broker-conf',
  'action-dist',
  'lab-image',
  'drain-remoting',
  'upgrade',
  'proxy',
];

const E2E_FILE = /(?:^|\/)test\/e2e\/([^/]+)\.test\.ts$/;

function rank(moduleId: string): number {
  const i = E2E_ORDER.indexOf(E2E_FILE.exec(moduleId.replaceAll('\\', '/'))?.[1] ?? '');
  return i === -1 ? E2E_ORDER.length : i;
}

/** The e2e files put in E2E_ORDER within the slots they hold; every other file keeps its place. */
export function orderE2e<T extends { moduleId: string }>(files: readonly T[]): T[] {
  const isE2e = (f: T) => E2E_FILE.test(f.moduleId.replaceAll('\\', '/'));
  // Array.prototype.sort is stable: unlisted files keep their order among themselves.
  const e2e = files.filter(isE2e).sort((a, b) => rank(a.moduleId) - rank(b.moduleId));
  let next = 0;
  return files.map((f) => (isE2e(f) ? (e2e[next++] as T) : f));
}

export default class E2eSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return orderE2e(await super.sort(files));
  }
}
