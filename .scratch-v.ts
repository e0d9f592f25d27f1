import { validateSpecFile } from './src/spec/validate.js';
import { formatFinding } from './src/spec/findings.js';
for (const f of process.argv.slice(2)) {
  const r = await validateSpecFile(f);
  for (const x of r.findings) console.log(formatFinding(x));
  console.log('spec?', !!r.spec, r.topology?.kind, r.rocketmqVersion);
}
