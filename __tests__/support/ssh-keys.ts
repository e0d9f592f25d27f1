import { utils } from 'ssh2';

/**
 * A throw-away ed25519 key pair for an in-process SSH server or client. ssh2's keygen strips the
 * leading zero bytes of the public key, so about 1 pair in 256 is one its own parser rejects
 * ("Malformed OpenSSH private key": mscdex/ssh2#1390, #1513), which made the SSH unit files fail
 * now and then. Such a pair is drawn again; a pair is returned only once both halves parse.
 */
export function testKeyPair(): { private: string; public: string } {
  for (let attempt = 1; attempt <= 50; attempt++) {
    const pair = utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(pair.private) instanceof Error) && !(utils.parseKey(pair.public) instanceof Error))
      return pair;
  }
  throw new Error('ssh2 made no parsable ed25519 key pair in 50 attempts');
}
