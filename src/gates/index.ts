/** Health gates and the RocketMQ remoting client, for the rollout engine. */
export * from './poll.js';
export * from './gates.js';
export * from './remoting.js';
export { parseFastjson, FastjsonSyntaxError, type JsonValue } from './fastjson.js';
export { parseProperties, formatProperties, PropertiesSyntaxError } from './properties.js';
