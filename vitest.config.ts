import { defineConfig } from 'vitest/config';
import E2eSequencer from './test/e2e/sequencer.js';

export default defineConfig({
  test: {
    // The e2e files in an order that keeps the lab's mode switches few (test/e2e/sequencer.ts).
    sequence: { sequencer: E2eSequencer },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['__tests__/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          // The lab is one shared world: e2e files run one after another.
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
