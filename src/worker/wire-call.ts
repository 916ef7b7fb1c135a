// A protocol request as plain data (what crosses postMessage) run through the fetch-style wire
// handler, and its Response back as plain data. The worker serves the page this way.
import type { WireHandler } from '../engine/wire/handler';
import type { WireRequest, WireResponse } from './protocol';

/** The origin requests are resolved against: nothing is fetched, the handler only reads the path. */
const LOCAL_ORIGIN = 'http://playground.local';

export async function callHandler(handler: WireHandler, wire: WireRequest): Promise<WireResponse> {
  const hasBody = wire.body !== undefined && wire.method !== 'GET' && wire.method !== 'HEAD';
  const request = new Request(new URL(wire.path, LOCAL_ORIGIN), {
    method: wire.method,
    headers: wire.headers,
    ...(hasBody ? { body: wire.body } : {}),
  });
  const response = await handler(request);
  const headers: Array<[string, string]> = [];
  response.headers.forEach((value, key) => headers.push([key, value]));
  return { status: response.status, headers, body: await response.text() };
}
