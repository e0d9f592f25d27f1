import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { E2E_ORDER, orderE2e } from '../test/e2e/sequencer.js';

describe('the e2e file order', () => {
  it('places every e2e file deliberately (a new one must say where its lab mode fits)', () => {
    const files = readdirSync(new URL('../test/e2e/', import.meta.url))
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => f.replace(/\.test\.ts$/, ''))
      .sort();
    expect([...E2E_ORDER].sort()).toEqual(files);
  });

  it('orders the e2e files only, within the slots they hold', () => {
    const ids = [
      '/r/__tests__/a.test.ts',
      '/r/test/e2e/upgrade.test.ts',
      '/r/test/e2e/zzz.test.ts',
      '/r/__tests__/b.test.ts',
      '/r/test/e2e/deploy.test.ts',
      '/r/test/e2e/ssh.test.ts',
    ];
    expect(orderE2e(ids.map((moduleId) => ({ moduleId }))).map((f) => f.moduleId)).toEqual([
      '/r/__tests__/a.test.ts',
      '/r/test/e2e/ssh.test.ts',
      '/r/test/e2e/deploy.test.ts',
      '/r/__tests__/b.test.ts',
      '/r/test/e2e/upgrade.test.ts',
      '/r/test/e2e/zzz.test.ts',
    ]);
  });
});
