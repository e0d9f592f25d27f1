import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProperties, PropertiesSyntaxError } from '../../src/rocketmq/properties.js';
import { formatProperties } from '../support/properties.js';
import { fixtureBody } from './helpers.js';

const plain = (r: Record<string, string>): Record<string, string> => ({ ...r });

describe('parseProperties (java.util.Properties#load)', () => {
  it('reads the real GET_BROKER_CONFIG answer of a 4.8.0 master', () => {
    const config = parseProperties(fixtureBody('broker-config-26.master.frame').toString('utf8'));
    expect(Object.keys(config).length).toBe(163);
    expect(config).toMatchObject({
      brokerClusterName: 'gates-lab',
      brokerName: 'broker-a',
      brokerId: '0',
      brokerRole: 'ASYNC_MASTER',
      fileReservedTime: '48',
      deleteWhen: '04',
      messageDelayLevel: '1s 5s 10s 30s',
      namesrvAddr: '127.0.0.1:19876;127.0.0.1:19877',
      listenPort: '20911',
      // derived by the broker, never read from the file (always listenPort + 1 through 5.1.0)
      haListenPort: '20912',
      // 4.x keeps every key of the file, even ones no setter reads
      misspeltKeey: 'hello',
    });
  });

  it('separators: =, :, whitespace, and whitespace around them', () => {
    expect(plain(parseProperties('a=1\nb:2\nc 3\nd = 4\ne\t:\t5\nf   =   6\ng\n'))).toEqual({
      a: '1',
      b: '2',
      c: '3',
      d: '4',
      e: '5',
      f: '6',
      g: '',
    });
    // only the first separator counts; the rest is value
    expect(plain(parseProperties('a==b\nc=d=e\nf : :g\n'))).toEqual({ a: '=b', c: 'd=e', f: ':g' });
  });

  it('keeps trailing whitespace of values (4.x does not trim: `true ` is not true)', () => {
    expect(plain(parseProperties('autoCreateTopicEnable=true \nlistenPort=10911\t\n'))).toEqual({
      autoCreateTopicEnable: 'true ',
      listenPort: '10911\t',
    });
  });

  it('skips comments and blank lines; # later in a line is data', () => {
    expect(plain(parseProperties('# c\n! c\n   # indented\n\n  \t\na=1#not a comment\n'))).toEqual({
      a: '1#not a comment',
    });
  });

  it('continues lines that end in an odd number of backslashes', () => {
    expect(plain(parseProperties('a=1 \\\n    2 \\\n\t3\nb=x\\\\\nc=y\n'))).toEqual({
      a: '1 2 3',
      b: 'x\\',
      c: 'y',
    });
    // a continued line may start with # (it is not a comment), and a continuation onto a blank line ends it
    expect(plain(parseProperties('a=1\\\n#2\nb=3\\\n\nc=4\n'))).toEqual({ a: '1#2', b: '3', c: '4' });
    // CRLF and CR line ends
    expect(plain(parseProperties('a=1\\\r\n  2\r\nb=3\rc=4'))).toEqual({ a: '12', b: '3', c: '4' });
    // a backslash at the very end of the input is dropped
    expect(plain(parseProperties('a=1\\'))).toEqual({ a: '1' });
  });

  it('decodes escapes in keys and values', () => {
    expect(
      plain(parseProperties('k\\=ey\\ x=v\\tal\\nue\\\\\\u00e9\\u4E2D\\q\nstorePath=C\\:\\\\data\n')),
    ).toEqual({ 'k=ey x': 'v\tal\nue\\é中q', storePath: 'C:\\data' });
  });

  it('reads UTF-8 text as is (the broker sends UTF-8)', () => {
    expect(plain(parseProperties('name=中文 😀\n'))).toEqual({ name: '中文 😀' });
  });

  it('later definitions win', () => {
    expect(plain(parseProperties('a=1\na=2\n'))).toEqual({ a: '2' });
  });

  it('rejects a malformed \\u escape like Java', () => {
    expect(() => parseProperties('a=\\u12g4\n')).toThrow(PropertiesSyntaxError);
  });

  it('formatProperties round-trips any map', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), (map) => {
        expect(plain(parseProperties(formatProperties(map)))).toEqual(map);
      }),
      { numRuns: 500 },
    );
  });
});
