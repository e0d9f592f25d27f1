import { describe, expect, it } from 'vitest';
import { parseBrokerConfigReport, parseProperties } from '../../src/rocketmq/properties.js';
import { fixtureBody } from './helpers.js';

describe('parseBrokerConfigReport (the unescaped key=value lines of GET_BROKER_CONFIG)', () => {
  it('reads the real answer of a 4.8.0 master like Properties does, for its plain values', () => {
    const text = fixtureBody('broker-config-26.master.frame').toString('utf8');
    expect({ ...parseBrokerConfigReport(text) }).toEqual({ ...parseProperties(text) });
  });

  it('keeps values a Properties reader would change: backslashes, \\u escapes, leading spaces, # and !', () => {
    const report =
      'msgTraceTopicName=trace\\\nregionId=eu-1\nmessageStorePlugIn=\\u0041\\n\\tx\nbrokerName= x\na=#b!c:d=e\n';
    expect({ ...parseBrokerConfigReport(report) }).toEqual({
      msgTraceTopicName: 'trace\\',
      regionId: 'eu-1',
      messageStorePlugIn: '\\u0041\\n\\tx',
      brokerName: ' x',
      a: '#b!c:d=e',
    });
  });

  it('answers only own keys', () => {
    const r = parseBrokerConfigReport('a=1\n');
    expect(r.toString).toBeUndefined();
  });
});
