import { utils } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { testKeyPair } from './ssh-keys.js';

describe('testKeyPair', () => {
  it('returns only pairs that ssh2 itself parses (its keygen makes a bad one about 1 in 256)', () => {
    // 1,000 draws meet a bad raw pair with a probability of about 98%: the filter is exercised.
    for (let i = 0; i < 1000; i++) {
      const pair = testKeyPair();
      expect(utils.parseKey(pair.private)).not.toBeInstanceOf(Error);
      expect(utils.parseKey(pair.public)).not.toBeInstanceOf(Error);
    }
  });
});
