// Raw HTTP clients for robustness tests: HTTP/1.1 through node:http, HTTP/2 through node:http2
// (prior knowledge), and bare sockets for bytes no client library would send.
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body without a content-length (chunked). */
  chunked?: boolean;
}

export function h1Request(port: number, r: RawRequest, agent?: http.Agent): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...r.headers };
    if (r.body !== undefined && !r.chunked) headers['content-length'] = String(Buffer.byteLength(r.body));
    const req = http.request({ host: '127.0.0.1', port, method: r.method ?? 'POST', path: r.path ?? '/query/1', headers, agent: agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: flat(res.headers), text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (r.body !== undefined) req.end(r.body);
    else req.end();
  });
}

export function h2Request(port: number, r: RawRequest, session?: http2.ClientHttp2Session): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const s = session ?? http2.connect(`http://127.0.0.1:${port}`);
    s.on('error', reject);
    const headers: http2.OutgoingHttpHeaders = { ':method': r.method ?? 'POST', ':path': r.path ?? '/query/1', ...r.headers };
    const stream = s.request(headers, { endStream: r.body === undefined });
    let status = 0;
    let resHeaders: Record<string, string> = {};
    const chunks: Buffer[] = [];
    stream.on('response', (h) => {
      status = Number(h[':status']);
      resHeaders = flat(h);
    });
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      if (!session) s.close();
      resolve({ status, headers: resHeaders, text: Buffer.concat(chunks).toString('utf8') });
    });
    stream.on('error', (e) => {
      if (!session) s.destroy();
      // Answered, then reset (the server stops reading an over-size body): the answer counts.
      if (status !== 0) resolve({ status, headers: resHeaders, text: Buffer.concat(chunks).toString('utf8') });
      else reject(e);
    });
    if (r.body !== undefined) stream.end(r.body);
  });
}

/** Writes `bytes`, optionally waits, then collects everything the server sends until it closes. */
export function rawSocket(port: number, bytes: string | Buffer, opts: { endAfterMs?: number; timeoutMs?: number } = {}): Promise<{ text: string; closedByServer: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let closedByServer = true;
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), closedByServer }));
    socket.write(bytes);
    if (opts.endAfterMs !== undefined) setTimeout(() => socket.end(), opts.endAfterMs);
    setTimeout(() => {
      closedByServer = false;
      socket.destroy();
    }, opts.timeoutMs ?? 10_000);
  });
}

function flat(h: http.IncomingHttpHeaders | http2.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined && !k.startsWith(':')) out[k] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}
