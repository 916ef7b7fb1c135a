// The page runs queries through Fauna's protocol (wire-run.ts → the wire handler), not by calling
// the engine: what the result views get that way must equal what the engine itself reports.
import { describe, expect, it } from 'vitest';
import type { RunRequest, RunResult } from '../../src/engine/api';
import { createWireHandler } from '../../src/engine/wire/handler';
import { runOverWire, wireRequestFor } from '../../src/ui/wire-run';
import { PAGE_ADMIN_SECRET, type WireRequest, type WireResponse } from '../../src/worker/protocol';
import { callHandler } from '../../src/worker/wire-call';
import { freshEngine } from '../engine/helpers';

async function pagePath() {
  const { engine } = await freshEngine();
  const handler = createWireHandler({ engine, adminSecret: PAGE_ADMIN_SECRET });
  // The worker's own conversion: plain request in, plain response out.
  const send = (wire: WireRequest): Promise<WireResponse> => callHandler(handler, wire);
  return { engine, run: (req: RunRequest) => runOverWire(send, req), send };
}

/** A result without what differs run to run (times). */
function stable(r: RunResult): unknown {
  const text = JSON.stringify(r)
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>')
    .replace(/\\"ts\\": ?\d+|"ts": ?\d+|ts: \d+/g, 'ts: <ts>');
  const copy = JSON.parse(text) as Record<string, unknown> & { metrics: { stats?: Record<string, unknown>; metrics?: Record<string, unknown> } };
  delete copy.txnTs;
  if (copy.metrics.stats) delete copy.metrics.stats.query_time_ms;
  if (copy.metrics.metrics) delete copy.metrics.metrics.queryTime;
  return copy;
}

// Each step runs on both paths, against two databases brought to the same state.
const SCRIPT: RunRequest[] = [
  { lang: 'fql10', source: 'Collection.create({ name: "People", indexes: { byName: { terms: [{ field: ".name" }] } } })' },
  { lang: 'fql10', source: 'People.create({ id: "1", name: "Ada", age: 36 })' },
  { lang: 'fql10', source: 'People.byName("Ada").first()' },
  { lang: 'fql10', source: 'log("hi"); People.all().where(.age > 30).map(.name)' },
  { lang: 'fql10', source: 'People.byId("nope")!.name' },
  { lang: 'fql10', source: 'let x = 1 +' },
  { lang: 'fql10', source: 'log("before"); abort({ why: "stop" })' },
  { lang: 'fql10', source: '1 + 1', secret: 'not-a-secret' },
  { lang: 'fql4', source: 'CreateCollection({ name: "users" })' },
  { lang: 'fql4', source: 'Create(Ref(Collection("users"), "10"), { data: { n: 1 } })' },
  { lang: 'fql4', source: 'Get(Ref(Collection("users"), "10"))' },
  { lang: 'fql4', source: 'Get(Ref(Collection("users"), "99"))' },
  { lang: 'fql4', source: 'Add(1, ' },
  { lang: 'fql4', source: 'Add(1, 2)', secret: 'not-a-secret' },
];

describe('a query run through the protocol, as the page runs it', () => {
  it('gives the result views exactly what the engine reports (text, JSON, errors, spans, metrics, costs, principal)', async () => {
    const viaWire = await pagePath();
    const { engine: direct } = await freshEngine();
    for (const step of SCRIPT) {
      const [a, b] = [await viaWire.run(step), await direct.run(step)];
      if (step.secret !== undefined) {
        // Refused before anything ran: Fauna's 401 has no stats, so the page shows zeros.
        const zeroed = (r: RunResult) => ({ ...r, metrics: undefined, txnTs: undefined });
        expect(zeroed(a)).toEqual(zeroed(b));
        const figures = a.metrics.lang === 'fql10' ? a.metrics.stats : a.metrics.metrics;
        expect(Object.values(figures).filter((v) => typeof v === 'number' && v !== 0)).toEqual([]);
        continue;
      }
      expect(stable(a), `${step.lang}: ${step.source}`).toEqual(stable(b));
    }
  });

  it('sends v10 as POST /query/1 with the admin key by default and v4 source as typed on POST /', () => {
    const v10 = wireRequestFor({ lang: 'fql10', source: '1' });
    expect(v10).toMatchObject({ method: 'POST', path: '/query/1' });
    expect(v10.headers).toContainEqual(['authorization', `Bearer ${PAGE_ADMIN_SECRET}`]);
    const v4 = wireRequestFor({ lang: 'fql4', source: 'Add(1, 2)', secret: 'fnAAA' });
    expect(v4).toMatchObject({ method: 'POST', path: '/', body: 'Add(1, 2)' });
    expect(v4.headers).toContainEqual(['authorization', 'Bearer fnAAA']);
    expect(v4.headers).toContainEqual(['x-playground-syntax', 'fql4-js']);
  });

  it('keeps the extension out of what a driver gets: no explain field, bytes out counted without it', async () => {
    const { send } = await pagePath();
    const asDriver = await send({ method: 'POST', path: '/', headers: [['authorization', 'Bearer secret']], body: '{"equals":[1,1]}' });
    expect(asDriver.body).toBe('{"resource":true}');
    const asPage = await send(wireRequestFor({ lang: 'fql4', source: 'Equals(1,  1)' }));
    const body = JSON.parse(asPage.body) as { resource: boolean; explain: { text: string } };
    expect(body.resource).toBe(true);
    expect(body.explain.text).toBe('true');
    const header = (r: WireResponse, k: string) => r.headers.find(([n]) => n === k)?.[1];
    expect(header(asPage, 'x-query-bytes-out')).toBe(String('{"resource":true}'.length));
    // bytesIn is the compact wire JSON of the parsed source, what the driver would have sent.
    expect(header(asPage, 'x-query-bytes-in')).toBe(String('{"equals":[1,1]}'.length));
    const v10 = await send({ method: 'POST', path: '/query/1', headers: [['authorization', 'Bearer secret']], body: '{"query":"1"}' });
    expect(Object.keys(JSON.parse(v10.body) as object)).toEqual(['data', 'summary', 'txn_ts', 'stats', 'schema_version']);
  });
});
