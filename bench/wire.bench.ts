// Load on the wire protocol: 50 concurrent `fauna` driver clients × 200 queries each (mixed
// reads, writes and logins on one store) against the Node host on loopback (h2c), the host in
// its own process. Afterwards every acknowledged write must be stored exactly once: the
// collection's document count equals the acknowledged writes, and each one reads back with its
// own (client, seq). Prints p50/p99 latency per kind; results go to bench/results.json "wire".
import { execFile, fork } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Client, fql, type Document } from 'fauna';
import { expect, test } from 'vitest';
import { median } from './stats';

const CLIENTS = 50;
const QUERIES = 200;
/** Logins cost ~65 ms of argon2id CPU each: 1 in 100 queries. */
const LOGIN_EVERY = 100;
/** Writes: 1 in 3 queries; the rest are reads. */
const WRITE_EVERY = 3;

type Kind = 'read' | 'write' | 'login';

test('wire: 50 driver clients × 200 queries', async () => {
  await new Promise<void>((resolve, reject) =>
    execFile(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.server.config.ts'], (e) => (e ? reject(e) : resolve())),
  );
  const child = fork('bench/wire-server.mjs', [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = <T>(msg: string, key: string) =>
    new Promise<T>((resolve) => {
      const on = (m: Record<string, unknown>) => {
        if (key in m) {
          child.off('message', on);
          resolve(m[key] as T);
        }
      };
      child.on('message', on);
      if (msg) child.send(msg);
    });
  const url = await ask<string>('', 'url');
  try {
    const admin = new Client({ endpoint: new URL(url), secret: 'secret' });
    await admin.query(fql`Collection.create({ name: "Bench" })`);
    await admin.query(fql`Collection.create({ name: "Fixed" })`);
    await admin.query(fql`Fixed.create({ id: "1", name: "fixed" })`);
    await admin.query(fql`Credential.create({ document: Fixed.byId("1"), password: "sekret" })`);

    const latencies: Record<Kind, number[]> = { read: [], write: [], login: [] };
    const acknowledged = new Map<string, { client: number; seq: number }>();
    let failures = 0;
    const clients = Array.from({ length: CLIENTS }, () => new Client({ endpoint: new URL(url), secret: 'secret' }));
    const started = performance.now();
    await Promise.all(
      clients.map(async (client, c) => {
        let lastId: string | undefined;
        for (let n = 0; n < QUERIES; n++) {
          // Logins staggered across clients, so they do not all hash at the same moment.
          const kind: Kind = (n + c * 37) % LOGIN_EVERY === 0 ? 'login' : n % WRITE_EVERY === 0 ? 'write' : 'read';
          const t0 = performance.now();
          try {
            if (kind === 'write') {
              const doc = (await client.query<Document>(fql`Bench.create({ client: ${c}, seq: ${n} })`)).data;
              acknowledged.set(doc.id, { client: c, seq: n });
              lastId = doc.id;
            } else if (kind === 'login') {
              await client.query(fql`Credential.byDocument(Fixed.byId("1"))!.login("sekret")`);
            } else if (lastId !== undefined && n % 2 === 0) {
              await client.query(fql`Bench.byId(${lastId})!.seq`);
            } else {
              await client.query(fql`{ name: Fixed.byId("1")!.name, n: ${n} * 2 }`);
            }
            latencies[kind].push(performance.now() - t0);
          } catch (e) {
            failures++;
            console.error(kind, e instanceof Error ? `${e.name}: ${e.message}` : e);
          }
        }
      }),
    );
    const elapsed = performance.now() - started;

    // Every acknowledged write is stored exactly once.
    const overview = await ask<{ collections: Array<{ name: string; documents: number }> }>('overview', 'overview');
    const stored = overview.collections.find((x) => x.name === 'Bench')?.documents;
    const ids = [...acknowledged.keys()];
    let readBack = 0;
    for (let i = 0; i < ids.length; i += 250) {
      const batch = ids.slice(i, i + 250);
      const refs = batch.map((id) => fql`Bench.byId(${id})`);
      const docs = (await admin.query<Array<Document & { client: number; seq: number }>>(fql`[${refs.reduce((a, b) => fql`${a}, ${b}`)}]`)).data;
      docs.forEach((d, j) => {
        const want = acknowledged.get(batch[j]!)!;
        if (d instanceof Object && d.client === want.client && d.seq === want.seq) readBack++;
      });
    }
    admin.close();
    for (const c of clients) c.close();

    const all = [...latencies.read, ...latencies.write, ...latencies.login];
    const writes = latencies.write.length;
    const result = {
      environment: `node ${process.version}, host in a child process, ${CLIENTS} fauna clients × ${QUERIES} queries over h2c on loopback`,
      medians_ms: {
        all: round(median(all)),
        read: round(median(latencies.read)),
        write: round(median(latencies.write)),
        login: round(median(latencies.login)),
      },
      percentiles_ms: {
        all: { p50: round(pct(all, 50)), p99: round(pct(all, 99)) },
        read: { p50: round(pct(latencies.read, 50)), p99: round(pct(latencies.read, 99)) },
        write: { p50: round(pct(latencies.write, 50)), p99: round(pct(latencies.write, 99)) },
        login: { p50: round(pct(latencies.login, 50)), p99: round(pct(latencies.login, 99)) },
      },
      counts: { queries: all.length, reads: latencies.read.length, writes, logins: latencies.login.length, failures, stored_writes: stored, read_back: readBack },
      queries_per_s: round((all.length / elapsed) * 1000),
      elapsed_s: round(elapsed / 1000),
    };
    const file = 'bench/results.json';
    const results = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
    results.wire = result;
    writeFileSync(file, JSON.stringify(results, null, 2) + '\n');

    expect(failures).toBe(0);
    expect(all).toHaveLength(CLIENTS * QUERIES);
    expect(stored).toBe(writes); // nothing lost, nothing duplicated
    expect(acknowledged.size).toBe(writes);
    expect(readBack).toBe(writes);
  } finally {
    child.send('close');
    await new Promise((r) => child.once('exit', r));
  }
});

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
