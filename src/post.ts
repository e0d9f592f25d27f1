import { cleanup } from './action/cleanup.js';

await cleanup();
