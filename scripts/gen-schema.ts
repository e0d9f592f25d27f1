/** Writes schema/cluster.schema.json from the zod schema, for editors (yaml-language-server). */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { SpecSchema } from '../src/spec/schema.js';

const schema = {
  ...z.toJSONSchema(SpecSchema, { io: 'input', target: 'draft-2020-12' }),
  $id: 'https://github.com/rocketmq-rollout/rocketmq-rollout/schema/cluster.schema.json',
  title: 'rocketmq-rollout cluster spec',
};
writeFileSync(
  new URL('../schema/cluster.schema.json', import.meta.url),
  `${JSON.stringify(schema, null, 2)}\n`,
);
