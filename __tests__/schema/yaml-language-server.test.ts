import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node.js';

/**
 * The schema as an editor uses it: yaml-language-server (the server behind the YAML extensions of
 * VS Code, Neovim, Helix...) driven over stdio with LSP, finding the schema through the spec's
 * modeline, from a checkout and from an installed package.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const SERVER = join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');

interface Diagnostic {
  message: string;
  severity?: number;
  range: { start: { line: number; character: number } };
}

class YamlServer {
  private readonly diagnostics = new Map<string, { version?: number; items: Diagnostic[] }>();
  private readonly waiters: (() => void)[] = [];
  private version = 0;

  private constructor(
    private readonly child: ChildProcess,
    readonly conn: MessageConnection,
  ) {}

  static async start(rootDir: string): Promise<YamlServer> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    if (!child.stdout || !child.stdin) throw new Error('no stdio');
    const conn = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const server = new YamlServer(child, conn);
    const settings = {
      yaml: { validate: true, completion: true, hover: true, schemaStore: { enable: false } },
    };
    // The server asks its client for settings and capabilities; answer like a plain editor.
    conn.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((i) => (i.section === 'yaml' ? settings.yaml : i.section ? null : settings)),
    );
    conn.onRequest(() => null);
    conn.onNotification(
      'textDocument/publishDiagnostics',
      (p: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
        server.diagnostics.set(p.uri, {
          ...(p.version !== undefined ? { version: p.version } : {}),
          items: p.diagnostics,
        });
        for (const wake of server.waiters.splice(0)) wake();
      },
    );
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(rootDir).href,
      capabilities: {
        textDocument: {
          completion: { completionItem: { snippetSupport: false, documentationFormat: ['plaintext'] } },
          publishDiagnostics: { versionSupport: true },
        },
        workspace: { configuration: true },
      },
      workspaceFolders: [{ uri: pathToFileURL(rootDir).href, name: 'spec' }],
    });
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('workspace/didChangeConfiguration', { settings });
    return server;
  }

  /**
   * Opens a document and waits, with a deadline, for its diagnostics. Each call uses a new name in
   * the same folder (the modeline resolves alike): closing a document makes the server publish an
   * empty list for it, which must not be taken for the next open's answer.
   */
  async open(file: string, text: string): Promise<Diagnostic[]> {
    const version = ++this.version;
    const uri = pathToFileURL(file.replace(/\.yml$/, `-${version}.yml`)).href;
    await this.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version, text },
    });
    const deadline = Date.now() + 20_000;
    for (;;) {
      const d = this.diagnostics.get(uri);
      if (d && (d.version === undefined || d.version === version)) {
        this.diagnostics.delete(uri);
        await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
        return d.items;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no diagnostics for ${file} within 20 s`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async complete(file: string, text: string, line: number, character: number): Promise<string[]> {
    const uri = pathToFileURL(file).href;
    await this.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: ++this.version, text },
    });
    const r = (await this.conn.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line, character },
    })) as { items: { label: string }[] } | { label: string }[] | null;
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const items = Array.isArray(r) ? r : (r?.items ?? []);
    return items.map((i) => i.label);
  }

  async stop(): Promise<void> {
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      // Already gone.
    }
    this.conn.dispose();
    this.child.kill();
  }
}

const SPEC = readFileSync(join(ROOT, 'examples', 'two-host-2m-2s-async.yml'), 'utf8');

/** Line and column just after `text` (its first occurrence) in `doc`. */
function after(doc: string, text: string): { line: number; character: number } {
  const at = doc.indexOf(text);
  expect(at, `'${text}' is in the document`).toBeGreaterThanOrEqual(0);
  const before = doc.slice(0, at + text.length).split('\n');
  return { line: before.length - 1, character: (before.at(-1) ?? '').length };
}

describe('the schema in yaml-language-server, from a checkout (examples/)', () => {
  let server: YamlServer;
  beforeAll(async () => {
    server = await YamlServer.start(ROOT);
  }, 30_000);
  afterAll(async () => server?.stop());
  const file = join(ROOT, 'examples', 'editor-test.yml');

  it('completes broker.conf keys under brokerDefaults, flushDiskType among them', async () => {
    // Without the key in the file: a key already there is, rightly, not offered again.
    const doc = SPEC.replace(/^ {2}flushDiskType: .*\n/m, '').replace(
      /^(brokerDefaults:.*\n)/m,
      '$1  flus\n',
    );
    expect(doc).not.toContain('flushDiskType');
    const pos = after(doc, '\n  flus');
    const labels = await server.complete(file, doc, pos.line, pos.character);
    expect(labels).toContain('flushDiskType');
    expect(labels).toContain('autoCreateTopicEnable');
    expect(labels).not.toContain('brokerIP1'); // derived: the validator refuses it
  }, 30_000);

  it('flags brokerRole: ASYNC_MASTR on its line, offering the real values', async () => {
    expect(SPEC).toContain('brokerRole: ASYNC_MASTER');
    const doc = SPEC.replace('brokerRole: ASYNC_MASTER', 'brokerRole: ASYNC_MASTR');
    const diagnostics = await server.open(file, doc);
    const line = after(doc, 'brokerRole: ').line;
    const d = diagnostics.find((x) => x.range.start.line === line);
    expect(d, JSON.stringify(diagnostics)).toBeDefined();
    expect(d?.message).toMatch(/ASYNC_MASTER/);
  }, 30_000);

  it('flags a misspelt broker.conf key, and nothing in any example', async () => {
    const typo = await server.open(file, SPEC.replace('fileReservedTime: 48', 'fileReservedTme: 48'));
    expect(typo.map((d) => d.message).join('\n')).toMatch(/fileReservedTme/);
    for (const name of readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yml'))) {
      const text = readFileSync(join(ROOT, 'examples', name), 'utf8');
      expect(await server.open(join(ROOT, 'examples', `copy-${name}`), text), name).toEqual([]);
    }
  }, 60_000);
});

describe('the schema catches broker.conf mistakes while typing', () => {
  let server: YamlServer;
  beforeAll(async () => {
    server = await YamlServer.start(ROOT);
  }, 30_000);
  afterAll(async () => server?.stop());

  // Broken specs of the corpus whose mistake is in a broker.conf map: an editor flags each.
  it.each([
    'broker-key-typo.yml',
    'broker-key-legacy.yml',
    'broker-role-case.yml',
    'broker-role-slave.yml',
    'flush-type-invalid.yml',
    'boolean-capitalised.yml',
    'int-not-a-number.yml',
    'derived-broker-ip.yml',
    'derived-cluster-name.yml',
    'derived-namesrv-addr.yml',
    'dledger-mode.yml',
  ])(
    '%s',
    async (name) => {
      const text = readFileSync(join(ROOT, '__tests__', 'fixtures', 'broken', name), 'utf8').replace(
        /^# yaml-language-server:.*\n/,
        '',
      );
      const doc = `# yaml-language-server: $schema=../schema/cluster.schema.json\n${text}`;
      const errors = (await server.open(join(ROOT, 'examples', 'corpus.yml'), doc)).filter(
        (d) => d.severity === 1,
      );
      expect(errors.length, name).toBeGreaterThan(0);
      expect(errors.map((d) => d.message).join('\n')).not.toMatch(/Unable to load schema/);
    },
    30_000,
  );
});

describe('the schema in yaml-language-server, from an installed package', () => {
  let server: YamlServer;
  let project: string;
  beforeAll(async () => {
    // npm pack gives exactly what a user installs; unpacked where npm would put it.
    project = mkdtempSync(join(tmpdir(), 'schema-user-'));
    const packed = execFileSync('npm', ['pack', '--json', '--pack-destination', project], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const tarball = (JSON.parse(packed) as { filename: string }[])[0]?.filename ?? '';
    const pkg = join(project, 'node_modules', 'rocketmq-rollout');
    mkdirSync(pkg, { recursive: true });
    execFileSync('tar', ['-xzf', join(project, tarball), '-C', pkg, '--strip-components=1']);
    server = await YamlServer.start(project);
  }, 120_000);
  afterAll(async () => server?.stop());

  it('the README modeline finds the schema: completion and diagnostics work', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const modeline = /^# yaml-language-server: \$schema=\.\/node_modules\/\S+$/m.exec(readme)?.[0];
    expect(modeline, 'README shows the installed-package modeline').toBeDefined();
    const doc = `${modeline}\n${SPEC.split('\n').slice(1).join('\n')}`;
    const file = join(project, 'rocketmq-cluster.yml');
    writeFileSync(file, doc);
    expect(await server.open(file, doc)).toEqual([]);
    const completing = doc.replace(/^ {2}flushDiskType: .*\n/m, '  flus\n');
    const pos = after(completing, '\n  flus');
    expect(await server.complete(file, completing, pos.line, pos.character)).toContain('flushDiskType');
    const bad = doc.replace('flushDiskType: ASYNC_FLUSH', 'flushDiskType: ASYNC_FLUSHED');
    expect((await server.open(file, bad)).map((d) => d.message).join('\n')).toMatch(/SYNC_FLUSH/);
  }, 60_000);
});
