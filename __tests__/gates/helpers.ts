/**
 * Test doubles for the gates: a fake RocketMQ remoting server and a fake console, both on
 * 127.0.0.1 with an ephemeral port, and the real 4.8.0 answers saved under fixtures/remoting.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeFrame, FrameDecoder, type RemotingCommand } from '../../src/gates/remoting.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'remoting');

export function fixture(name: string): Buffer {
  return fs.readFileSync(path.join(FIXTURES, name));
}

/** The body of a captured response frame. */
export function fixtureBody(name: string): Buffer {
  const [cmd] = new FrameDecoder().push(fixture(name));
  if (!cmd?.body) throw new Error(`fixture ${name} has no body`);
  return cmd.body;
}

export interface Registration {
  brokerName: string;
  cluster: string;
  brokerAddrs: Record<number, string>;
}

/** A GET_BROKER_CLUSTER_INFO body exactly as fastjson writes it: Long map keys unquoted. */
export function clusterInfoBody(groups: Registration[]): Buffer {
  const groupText = groups.map((g) => {
    const addrs = Object.entries(g.brokerAddrs)
      .map(([id, addr]) => `${id}:${JSON.stringify(addr)}`)
      .join(',');
    return `${JSON.stringify(g.brokerName)}:{"brokerAddrs":{${addrs}},"brokerName":${JSON.stringify(g.brokerName)},"cluster":${JSON.stringify(g.cluster)}}`;
  });
  const clusters = new Map<string, string[]>();
  for (const g of groups) clusters.set(g.cluster, [...(clusters.get(g.cluster) ?? []), g.brokerName]);
  const clusterText = [...clusters].map(([c, names]) => `${JSON.stringify(c)}:${JSON.stringify(names)}`);
  return Buffer.from(
    `{"brokerAddrTable":{${groupText.join(',')}},"clusterAddrTable":{${clusterText.join(',')}}}`,
  );
}

export function runtimeInfoBody(table: Record<string, string>): Buffer {
  return Buffer.from(JSON.stringify({ table }));
}

/** What a handler answers: a response, nothing (hang), or an action on the connection. */
export type Answer =
  | { code?: number; remark?: string; body?: Buffer; extFields?: Record<string, string>; binary?: boolean }
  | 'hang'
  | 'close'
  | { raw: Buffer };

export type Handler = (request: RemotingCommand) => Answer;

export interface FakeServer {
  addr: string;
  port: number;
  /** Requests seen, in order. */
  requests: RemotingCommand[];
  /** Replace the answering logic (state changes over a test). */
  handle: Handler;
  /** Write each response in pieces of this many bytes (partial reads on the client). */
  chunkSize?: number;
  close(): Promise<void>;
}

/** A remoting server answering like a 4.8.0 name server or broker (JSON headers, flag=1, same opaque). */
export async function startFakeServer(handle: Handler): Promise<FakeServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const decoder = new FrameDecoder();
    socket.on('data', (chunk: Buffer) => {
      for (const request of decoder.push(chunk)) {
        fake.requests.push(request);
        const answer = fake.handle(request);
        if (answer === 'hang') continue;
        if (answer === 'close') {
          socket.destroy();
          return;
        }
        let bytes: Buffer;
        if ('raw' in answer) bytes = answer.raw;
        else {
          const response: RemotingCommand = {
            code: answer.code ?? 0,
            flag: 1,
            language: 'JAVA',
            opaque: request.opaque,
            version: 373,
            serializeType: answer.binary ? 'ROCKETMQ' : 'JSON',
          };
          if (answer.remark !== undefined) response.remark = answer.remark;
          if (answer.extFields !== undefined) response.extFields = answer.extFields;
          if (answer.body !== undefined) response.body = answer.body;
          bytes = encodeFrame(response);
        }
        const size = fake.chunkSize ?? bytes.length;
        for (let i = 0; i < bytes.length; i += size) socket.write(bytes.subarray(i, i + size));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const fake: FakeServer = {
    addr: `127.0.0.1:${port}`,
    port,
    requests: [],
    handle,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return fake;
}

/** A name server that answers 106 with `state.groups` (change it to change the answer). */
export async function startFakeNameServer(
  groups: Registration[],
): Promise<FakeServer & { state: { groups: Registration[] } }> {
  const state = { groups };
  const server = await startFakeServer((req) =>
    req.code === 106
      ? { body: clusterInfoBody(state.groups) }
      : { code: 3, remark: `request type ${req.code} not supported` },
  );
  return Object.assign(server, { state });
}

/** A port on 127.0.0.1 with nothing listening (bound, then closed). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface FakeConsole {
  url: string;
  requests: string[];
  respond: (path: string) => { status: number; body?: string; headers?: Record<string, string> } | 'hang';
  close(): Promise<void>;
}

export async function startFakeConsole(respond: FakeConsole['respond']): Promise<FakeConsole> {
  const server = http.createServer((req, res) => {
    fake.requests.push(req.url ?? '');
    const answer = fake.respond(req.url ?? '');
    if (answer === 'hang') return;
    res.writeHead(answer.status, { 'content-type': 'application/json;charset=UTF-8', ...answer.headers });
    res.end(answer.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const fake: FakeConsole = {
    url: `http://127.0.0.1:${port}`,
    requests: [],
    respond,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
