/**
 * Writes schema/cluster.schema.json from the zod schema, for editors (yaml-language-server), with
 * the broker.conf keys of the supported RocketMQ versions spelled out: editors then complete keys
 * under brokerDefaults and every `config`, show each key's type and default, offer the values of
 * brokerRole and flushDiskType, and flag a misspelt key or value while it is typed.
 */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { keyTableFor, type BrokerKey } from '../src/spec/broker-keys.js';
import { SpecSchema } from '../src/spec/schema.js';

/** Where the schema is published: the raw file on the major-version tag (README, "Releases"). */
export const SCHEMA_ID =
  'https://raw.githubusercontent.com/rocketmq-rollout/rocketmq-rollout/v1/schema/cluster.schema.json';

/** One table per supported family, newest first: its type and default describe a key. */
const TABLES = ['5.3.3', '4.9.8', '4.8.0'].map((v) => ({
  version: v,
  keys: keyTableFor(`apacherocketmq/rocketmq:${v}`).keys,
}));

/**
 * Keys the tool writes itself or modes it cannot run: the validator refuses them, so the schema
 * leaves them out and editors flag them too (the validator's message says what to write instead).
 */
const REFUSED = new Set([
  'brokerClusterName',
  'brokerName',
  'brokerId',
  'brokerIP1',
  'brokerIP2',
  'listenPort',
  'namesrvAddr',
  'haListenPort',
  'haMasterAddress',
  'brokerConfigPath',
  'storePathRootDir',
  'storePathCommitLog',
  'enableDLegerCommitLog',
  'enableControllerMode',
]);

/** Enum values a spec may set: a slave's SLAVE role is derived, never written. */
const ENUM_OVERRIDES: Readonly<Record<string, readonly string[]>> = {
  brokerRole: ['ASYNC_MASTER', 'SYNC_MASTER'],
};

type JsonSchema = Record<string, unknown>;

function versionsOf(key: string): string {
  const reading = TABLES.filter((t) => t.keys.has(key)).map((t) => t.version);
  return reading.length === TABLES.length ? '' : ` Read by RocketMQ ${reading.reverse().join(', ')} only.`;
}

/** The JSON type of a key as the validator accepts it (numbers may be written as strings). */
function keySchema(key: string, k: BrokerKey): JsonSchema {
  const enumValues = ENUM_OVERRIDES[key] ?? k.enumValues;
  const type = enumValues ? `one of ${enumValues.join(', ')} (case matters)` : k.type;
  const slave = key === 'brokerRole' ? ' SLAVE is derived: list the broker under slaves.' : '';
  const description = `${type}; default ${k.default} (${k.owner}).${slave}${versionsOf(key)}`;
  if (enumValues) return { description, type: 'string', enum: [...enumValues] };
  switch (k.type) {
    case 'int':
    case 'long': {
      const n = Number(k.default);
      return {
        description,
        type: ['integer', 'string'],
        pattern: '^[+-]?[0-9]+$',
        ...(k.default !== '' && Number.isSafeInteger(n) ? { default: n } : {}),
      };
    }
    case 'boolean':
      return {
        description,
        enum: [true, false, 'true', 'false'],
        ...(k.default === 'true' || k.default === 'false' ? { default: k.default === 'true' } : {}),
      };
    case 'double':
    case 'float':
      return { description, type: ['number', 'string'] };
    default:
      return { description, type: ['string', 'number', 'boolean'] };
  }
}

function brokerConfigSchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const keys = [...new Set(TABLES.flatMap((t) => [...t.keys.keys()]))].filter((k) => !REFUSED.has(k)).sort();
  for (const key of keys) {
    const table = TABLES.find((t) => t.keys.has(key));
    const entry = table?.keys.get(key);
    if (entry) properties[key] = keySchema(key, entry);
  }
  return {
    type: 'object',
    description:
      'broker.conf keys of RocketMQ 4.8, 4.9 and 5.x; the validator checks them against the version in the image tag',
    properties,
    additionalProperties: false,
  };
}

/** The zod schema's broker.conf maps (string keys, scalar values), wherever they are. */
function isBrokerConfigMap(node: JsonSchema): boolean {
  const values = node.additionalProperties as JsonSchema | undefined;
  const types = values?.type;
  return (
    node.type === 'object' &&
    Array.isArray(types) &&
    types.join() === 'string,number,boolean' &&
    (node.propertyNames as JsonSchema | undefined)?.type === 'string'
  );
}

function withBrokerKeys(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withBrokerKeys);
  if (!node || typeof node !== 'object') return node;
  const n = node as JsonSchema;
  if (isBrokerConfigMap(n)) {
    const { description, default: def } = n;
    return {
      $ref: '#/$defs/brokerConfig',
      ...(description ? { description } : {}),
      ...(def !== undefined ? { default: def } : {}),
    };
  }
  return Object.fromEntries(Object.entries(n).map(([k, v]) => [k, withBrokerKeys(v)]));
}

const base = z.toJSONSchema(SpecSchema, { io: 'input', target: 'draft-2020-12' }) as JsonSchema;
const schema = {
  ...(withBrokerKeys(base) as JsonSchema),
  $id: SCHEMA_ID,
  title: 'rocketmq-rollout cluster spec',
  $defs: { ...((base.$defs as JsonSchema | undefined) ?? {}), brokerConfig: brokerConfigSchema() },
};
writeFileSync(
  new URL('../schema/cluster.schema.json', import.meta.url),
  `${JSON.stringify(schema, null, 2)}\n`,
);
