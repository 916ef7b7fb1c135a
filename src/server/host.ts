// The Node host: one port speaking HTTP/1.1 and cleartext HTTP/2 with prior knowledge (h2c), as
// Fauna's core does. Both official drivers use h2c on Node; fauna-shell's v4 and schema calls
// use HTTP/1.1. Each connection's first bytes tell which: the HTTP/2 preface, or anything else.
// Node's own http and http2 modules parse everything; this file only routes connections, turns
// requests into fetch `Request`s for the protocol handler and writes its `Response`s back.
//
// What a misbehaving client gets (never a crash, the server keeps serving):
// - a body over `maxBodyBytes`: the handler's 413, without buffering the rest;
// - a client that stalls mid-request for `readTimeoutMs`: 408 and the connection closed, as the
//   core's channel handler does; bytes that are not HTTP: 400 `{"error":"bad request"}`;
// - a handler failure: 500 in Fauna's shape.
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { Duplex } from 'node:stream';

export type FetchHandler = (req: Request) => Promise<Response>;

export interface HostOptions {
  port: number;
  host: string;
  handler: FetchHandler;
  /** Largest request body accepted, in bytes; larger ones get `tooLarge`'s answer. */
  maxBodyBytes: number;
  /** The answer to a body over the limit (the endpoint's 413 shape). */
  tooLarge: (path: string) => Response;
  /** The answer to a client that stalled mid-request. */
  timedOut: () => Response;
  /** The answer to bytes that do not parse as HTTP/1.1. */
  badRequest: () => Response;
  /** How long a client may leave a started request unfinished (the core waits 60 s). */
  readTimeoutMs?: number;
  /** One line per request. */
  log?: (line: string) => void;
}

export interface RunningHost {
  port: number;
  host: string;
  url: string;
  /** Stops accepting, ends every connection, waits for requests in flight. */
  close(): Promise<void>;
}

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
const DEFAULT_READ_TIMEOUT_MS = 60_000;

/** A socket whose already-read first bytes are replayed, so a server can parse from the start. */
function replaying(socket: net.Socket, first: Buffer): Duplex {
  const duplex = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk, _enc, done) {
      if (socket.destroyed) return done();
      socket.write(chunk, () => done());
    },
    // nghttp2 writes frame by frame: hand the kernel one buffer per batch.
    writev(chunks, done) {
      if (socket.destroyed) return done();
      socket.write(chunks.length === 1 ? chunks[0]!.chunk : Buffer.concat(chunks.map((c) => c.chunk as Buffer)), () => done());
    },
    final(done) {
      socket.end();
      done();
    },
    destroy(err, done) {
      socket.destroy();
      done(err);
    },
  });
  duplex.push(first);
  socket.on('data', (chunk: Buffer) => {
    if (!duplex.push(chunk)) socket.pause();
  });
  socket.on('end', () => duplex.push(null));
  socket.on('close', () => duplex.destroy());
  socket.on('error', () => duplex.destroy());
  duplex.on('error', () => undefined);
  // The http modules read these off their "socket".
  Object.assign(duplex, {
    remoteAddress: socket.remoteAddress,
    remotePort: socket.remotePort,
    remoteFamily: socket.remoteFamily,
    localAddress: socket.localAddress,
    localPort: socket.localPort,
    encrypted: false,
    setTimeout: (ms: number, cb?: () => void) => {
      socket.setTimeout(ms, cb);
      return duplex;
    },
    setNoDelay: (v?: boolean) => {
      socket.setNoDelay(v);
      return duplex;
    },
    setKeepAlive: (v?: boolean, d?: number) => {
      socket.setKeepAlive(v, d);
      return duplex;
    },
    ref: () => socket.ref(),
    unref: () => socket.unref(),
  });
  return duplex;
}

type ReadResult = { kind: 'ok'; body: Buffer } | { kind: 'too-large' } | { kind: 'aborted' } | { kind: 'stalled' };

/**
 * Reads a request body up to `max` bytes; stops listening (without buffering) past it. With
 * `idleMs`, a body that makes no progress for that long is `stalled`.
 */
function readBody(stream: NodeJS.ReadableStream, max: number, declared: number | undefined, idleMs?: number): Promise<ReadResult> {
  return new Promise((resolve) => {
    if (declared !== undefined && declared > max) return resolve({ kind: 'too-large' });
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      if (idleMs === undefined) return;
      clearTimeout(timer);
      timer = setTimeout(() => settle({ kind: 'stalled' }), idleMs);
    };
    const settle = (r: ReadResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stream.off('data', onData);
      resolve(r);
    };
    const onData = (c: Buffer) => {
      arm();
      size += c.length;
      if (size > max) return settle({ kind: 'too-large' });
      chunks.push(c);
    };
    arm();
    stream.on('data', onData);
    stream.once('end', () => settle({ kind: 'ok', body: Buffer.concat(chunks) }));
    stream.once('error', () => settle({ kind: 'aborted' }));
    stream.once('aborted', () => settle({ kind: 'aborted' }));
    stream.once('close', () => settle({ kind: 'aborted' }));
  });
}

function toHeaders(raw: http.IncomingHttpHeaders | http2.IncomingHttpHeaders): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(raw)) {
    if (k.startsWith(':') || v === undefined) continue;
    h.set(k, Array.isArray(v) ? v.join(', ') : String(v));
  }
  return h;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

async function answerOf(res: Response): Promise<Answer> {
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  const body = Buffer.from(await res.arrayBuffer());
  headers['content-length'] = String(body.length);
  return { status: res.status, headers, body };
}

export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const log = opts.log ?? (() => undefined);
  const readTimeoutMs = opts.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  let inFlight = 0;
  let idle: (() => void) | undefined;

  /** Runs one request through the handler; never throws. */
  const serve = async (proto: string, method: string, path: string, headers: Headers, body: ReadResult): Promise<Answer> => {
    const started = performance.now();
    inFlight++;
    let res: Response;
    try {
      if (body.kind === 'too-large') res = opts.tooLarge(pathOnly(path));
      else {
        const init: RequestInit = { method, headers };
        if (method !== 'GET' && method !== 'HEAD' && body.kind === 'ok' && body.body.length > 0) init.body = new Uint8Array(body.body);
        let request: Request | undefined;
        try {
          request = new Request(new URL(path, 'http://localhost'), init);
        } catch {
          request = undefined;
        }
        res = request ? await opts.handler(request) : opts.badRequest();
      }
    } catch (e) {
      res = Response.json({ error: 'internal server error' }, { status: 500 });
      log(`handler failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    let answer: Answer;
    try {
      answer = await answerOf(res);
    } catch {
      answer = await answerOf(Response.json({ error: 'internal server error' }, { status: 500 }));
    }
    inFlight--;
    if (inFlight === 0) idle?.();
    log(`${proto} ${method} ${path} ${answer.status} ${answer.body.length}B ${Math.round(performance.now() - started)}ms`);
    return answer;
  };

  // HTTP/1.1 -----------------------------------------------------------------------------------
  const h1 = http.createServer(
    {
      requestTimeout: readTimeoutMs,
      headersTimeout: readTimeoutMs,
      keepAliveTimeout: 5_000,
      // Node checks those timeouts on this period (30 s by default).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(readTimeoutMs / 4))),
    },
    (req, res) => {
    void (async () => {
      const declared = req.headers['content-length'] !== undefined ? Number(req.headers['content-length']) : undefined;
      const body = await readBody(req, opts.maxBodyBytes, declared);
      if (body.kind === 'aborted' && (req.socket.destroyed || res.destroyed)) return;
      const answer = await serve('h1', req.method ?? 'GET', req.url ?? '/', toHeaders(req.headers), body);
      if (res.destroyed || res.headersSent) return;
      if (body.kind === 'too-large') {
        // Let Node discard the rest of the body, then close: the connection is not reusable.
        answer.headers.connection = 'close';
        req.resume();
      }
      res.writeHead(answer.status, answer.headers);
      res.end(req.method === 'HEAD' ? undefined : answer.body);
    })().catch(() => res.destroy());
    },
  );
  // The h1 server never listens itself (connections arrive from the sniffer), but Node starts
  // the checks behind requestTimeout/headersTimeout on 'listening'.
  h1.emit('listening');
  h1.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    void (async () => {
      const timedOut = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
      const answer = await answerOf(timedOut ? opts.timedOut() : opts.badRequest());
      log(`h1 - - ${answer.status} ${answer.body.length}B (${err.code ?? err.message})`);
      if (socket.writable) {
        const head = [`HTTP/1.1 ${answer.status} ${http.STATUS_CODES[answer.status] ?? ''}`];
        for (const [k, v] of Object.entries({ ...answer.headers, connection: 'close' })) head.push(`${k}: ${v}`);
        socket.end(`${head.join('\r\n')}\r\n\r\n${answer.body.toString('utf8')}`);
      }
      setTimeout(() => socket.destroy(), 1000).unref();
    })().catch(() => socket.destroy());
  });

  // HTTP/2 (h2c, prior knowledge) --------------------------------------------------------------
  const sessions = new Set<http2.ServerHttp2Session>();
  const h2 = http2.createServer({ settings: { maxConcurrentStreams: 1000 } });
  h2.on('session', (session: http2.ServerHttp2Session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    session.on('error', () => undefined);
  });
  h2.on('sessionError', () => undefined);
  h2.on('stream', (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders) => {
    stream.on('error', () => undefined);
    void (async () => {
      const method = String(headers[':method'] ?? 'GET');
      const path = String(headers[':path'] ?? '/');
      const declared = headers['content-length'] !== undefined ? Number(headers['content-length']) : undefined;
      const body = await readBody(stream, opts.maxBodyBytes, declared, readTimeoutMs);
      if (stream.destroyed || stream.closed) return;
      if (body.kind === 'stalled') {
        const answer = await answerOf(opts.timedOut());
        log(`h2 ${method} ${path} ${answer.status} ${answer.body.length}B (client stalled)`);
        respond(stream, answer, false);
        stream.close(http2.constants.NGHTTP2_NO_ERROR);
        return;
      }
      const answer = await serve('h2', method, path, toHeaders(headers), body);
      if (stream.destroyed || stream.closed) return;
      respond(stream, answer, method === 'HEAD');
      // Answered before the client finished sending: reset the stream rather than read on.
      if (body.kind === 'too-large') stream.on('finish', () => stream.close(http2.constants.NGHTTP2_NO_ERROR));
    })().catch(() => stream.destroy());
  });

  // One port: sniff each connection's first bytes ---------------------------------------------
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setNoDelay(true);
    let first = Buffer.alloc(0);
    const sniffTimer = setTimeout(() => socket.destroy(), readTimeoutMs);
    const sniff = (chunk: Buffer) => {
      first = Buffer.concat([first, chunk]);
      const n = Math.min(first.length, PREFACE.length);
      const h2like = first.subarray(0, n).equals(PREFACE.subarray(0, n));
      if (h2like && first.length < PREFACE.length) return; // need more bytes to decide
      clearTimeout(sniffTimer);
      socket.off('data', sniff);
      socket.pause();
      (h2like ? h2 : h1).emit('connection', replaying(socket, first));
    };
    socket.on('data', sniff);
    socket.on('close', () => clearTimeout(sniffTimer));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (e) => log(`server error: ${e.message}`));
  const address = server.address() as net.AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    port: address.port,
    host: address.address,
    url: `http://${hostForUrl}:${address.port}`,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((r) => (idle = r)), new Promise((r) => setTimeout(r, 5000))]);
      }
      for (const s of sessions) s.destroy();
      for (const s of sockets) s.destroy();
      h1.close();
      h2.close();
      await closed;
    },
  };
}

function respond(stream: http2.ServerHttp2Stream, answer: Answer, head: boolean): void {
  const headers: http2.OutgoingHttpHeaders = { ':status': answer.status };
  for (const [k, v] of Object.entries(answer.headers)) if (k !== 'connection') headers[k] = v;
  try {
    stream.respond(headers);
    stream.end(head ? undefined : answer.body);
  } catch {
    stream.destroy();
  }
}

function pathOnly(path: string): string {
  try {
    return new URL(path, 'http://localhost').pathname;
  } catch {
    return '/';
  }
}
