import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FastjsonSyntaxError, parseFastjson, type JsonValue } from '../../src/gates/fastjson.js';
import { fixtureBody } from './helpers.js';

describe('parseFastjson', () => {
  it('reads fastjson unquoted integer map keys, which JSON.parse rejects', () => {
    const text = '{"brokerAddrs":{0:"10.0.0.1:10911",1:"10.0.0.2:11911"}}';
    expect(() => JSON.parse(text)).toThrow();
    expect(parseFastjson(text)).toEqual({ brokerAddrs: { '0': '10.0.0.1:10911', '1': '10.0.0.2:11911' } });
  });

  it('reads the real 4.8.0 name server answer (JSON and binary header captures)', () => {
    for (const name of ['cluster-info-106.json-header.frame', 'cluster-info-106.binary-header.frame']) {
      const body = fixtureBody(name).toString('utf8');
      expect(body).toContain('{0:"127.0.0.1:20911"');
      expect(parseFastjson(body)).toEqual({
        brokerAddrTable: {
          'broker-a': {
            brokerAddrs: { '0': '127.0.0.1:20911', '1': '127.0.0.1:21911' },
            brokerName: 'broker-a',
            cluster: 'gates-lab',
          },
        },
        clusterAddrTable: { 'gates-lab': ['broker-a'] },
      });
    }
  });

  it('leaves `{0:` inside strings alone', () => {
    expect(parseFastjson('{"remark":"{0:\\"x\\"}","k":"a,1:b"}')).toEqual({ remark: '{0:"x"}', k: 'a,1:b' });
    expect(parseFastjson('["{0:1}", {2:"{3:4}"}]')).toEqual(['{0:1}', { '2': '{3:4}' }]);
  });

  it('handles nesting, negative and large integer keys, whitespace', () => {
    expect(parseFastjson(' { -1 : { 0 : [ 1 , 2.5e3 , -0.5 ] } , 9007199254740993:true }\n')).toEqual({
      '-1': { '0': [1, 2500, -0.5] },
      '9007199254740993': true,
    });
    // The key keeps its decimal text: a Long beyond 2^53 is not rounded.
    expect(Object.keys(parseFastjson('{9007199254740993:1}') as object)).toEqual(['9007199254740993']);
  });

  it('decodes escapes and unicode, including surrogate pairs', () => {
    expect(parseFastjson('"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t"')).toBe('a"b\\c/d\b\f\n\r\t');
    expect(parseFastjson('"\\u00e9\\u4e2d\\ud83d\\ude00"')).toBe('é中😀');
    expect(parseFastjson('{"名前":"中文 ✓ 😀"}')).toEqual({ 名前: '中文 ✓ 😀' });
  });

  it('keeps __proto__ as data', () => {
    const value = parseFastjson('{"__proto__":{"polluted":true}}') as Record<string, JsonValue>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['{0:}', 'unexpected character'],
    ['{a:1}', 'expected a quoted key or an integer key'],
    ['{01:1}', "expected ':'"],
    ['{1.5:1}', "expected ':'"],
    ['{"a":1,}', 'expected a quoted key'],
    ['[1,]', 'unexpected character'],
    ['"abc', 'unterminated string'],
    ['"a\nb"', 'control character'],
    ['"\\x"', 'bad escape'],
    ['"\\u12"', 'bad \\u escape'],
    ['{"a":1} x', 'unexpected text after'],
    ['01', 'unexpected text after'],
    ['tru', 'expected true'],
    ['', 'unexpected end of input'],
    ['{"a" 1}', "expected ':'"],
    ['NaN', 'unexpected character'],
  ])('rejects %j', (text, message) => {
    expect(() => parseFastjson(text)).toThrow(FastjsonSyntaxError);
    expect(() => parseFastjson(text)).toThrow(message);
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    expect(() => parseFastjson('['.repeat(10_000) + ']'.repeat(10_000))).toThrow('nesting too deep');
  });

  it('agrees with JSON.parse on any strict JSON', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(parseFastjson(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('reads any map with integer keys written the fastjson way', () => {
    const entries = fc.dictionary(
      fc.integer({ min: -1000, max: 1_000_000 }).map(String),
      fc.string({ unit: 'grapheme' }),
    );
    fc.assert(
      fc.property(entries, (map) => {
        const text = `{${Object.entries(map)
          .map(([k, v]) => `${k}:${JSON.stringify(v)}`)
          .join(',')}}`;
        expect(parseFastjson(text)).toEqual(map);
      }),
      { numRuns: 300 },
    );
  });
});
