/**
 * The one seam under every gate: how a probe gets a byte stream to `host:port`. In the field the
 * runner reaches the hosts by SSH only, so the rollout hands the gates a dialer that opens a
 * channel of the SSH connection it already holds; `directDialer` is plain TCP from the runner.
 */
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';

/** Opens a stream to `host:port`; rejects (with a `code` where there is one) when it cannot. */
export type Dialer = (host: string, port: number, signal?: AbortSignal) => Promise<Duplex>;

/** Why a dial failed, in the shortest words: the errno code (ECONNREFUSED) or the message. */
export function dialFailure(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err?.code ?? (err instanceof Error ? err.message : String(e));
}

/** TCP from this process, connected before it resolves. */
export const directDialer: Dialer = (host, port, signal) =>
  new Promise<Duplex>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const socket = net.connect({ host, port });
    const onAbort = (): void => {
      socket.destroy();
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      signal?.removeEventListener('abort', onAbort);
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', (e) => {
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      reject(e);
    });
  });

/**
 * Dial with a deadline the dialer cannot miss: rejects with the signal's reason when it fires
 * first, and destroys a stream that arrives too late.
 */
export function dialWithin(dial: Dialer, host: string, port: number, signal: AbortSignal): Promise<Duplex> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<Duplex>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    dial(host, port, signal).then(
      (stream) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) stream.destroy();
        else resolve(stream);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

function abortError(): Error {
  const e = new Error('aborted') as NodeJS.ErrnoException;
  e.name = 'AbortError';
  e.code = 'ABORT_ERR';
  return e;
}

/**
 * Picks the dialer by target address: each address is dialled through the host that owns it, so a
 * name server is asked through its own host and a broker through the broker's host.
 */
export function routedDialer(byAddress: ReadonlyMap<string, Dialer>, fallback?: Dialer): Dialer {
  return (host, port, signal) => {
    const dial = byAddress.get(host) ?? fallback;
    if (!dial) {
      return Promise.reject(
        new Error(`no host of the spec has address ${host}: cannot reach ${host}:${port} over SSH`),
      );
    }
    return dial(host, port, signal);
  };
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP GET over a dialled stream (node's http client does the protocol; we only hand it the
 * connection). Rejects with a TimeoutError past `timeoutMs`.
 */
export function httpGet(url: string, dial: Dialer, timeoutMs: number): Promise<HttpAnswer> {
  const target = new URL(url);
  if (target.protocol !== 'http:') return Promise.reject(new Error(`only http:// URLs, got ${url}`));
  const port = Number(target.port || 80);
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  const signal = AbortSignal.timeout(timeoutMs);
  return new Promise<HttpAnswer>((resolve, reject) => {
    let stream: Duplex | undefined;
    const req = http.request(
      {
        host,
        port,
        path: `${target.pathname}${target.search}`,
        method: 'GET',
        headers: { host: target.host, connection: 'close' },
        signal,
        createConnection: (_options, done) => {
          dialWithin(dial, host, port, signal).then(
            (s) => {
              stream = s;
              done(null, s);
            },
            (e: Error) => done(e, undefined as unknown as net.Socket),
          );
          return undefined;
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', (e) => {
      stream?.destroy();
      reject(signal.aborted ? signal.reason : e);
    });
    req.on('close', () => stream?.destroy());
    req.end();
  });
}
