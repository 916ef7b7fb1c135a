// The Node host as `npm run serve` runs it: loopback by default, one log line per request,
// persistence to a data file (loaded on start, saved after each write and on close), and the
// built CLI (what dist-server/main.js holds, built here into a scratch directory) starting,
// serving the drivers and stopping cleanly on SIGTERM.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fql, type Document } from 'fauna';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, v10Client } from './helpers';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fql-serve-'));
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('startServer', { timeout: 60_000 }, () => {
  it('binds to loopback unless told otherwise, and logs one line per request', async () => {
    const lines: string[] = [];
    const server = await startTestServer({ log: (l) => lines.push(l) });
    const client = v10Client(server);
    try {
      expect(server.host).toBe('127.0.0.1');
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      await client.query(fql`1`);
      await fetch(`${server.url}/ping`);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^h2 POST \/query\/1 200 \d+B \d+ms$/);
      expect(lines[1]).toMatch(/^h1 GET \/ping 200 32B \d+ms$/);
    } finally {
      client.close();
      await server.close();
    }
  });

  it('a custom admin secret replaces `secret`', async () => {
    const server = await startTestServer({ secret: 'sesame' });
    const good = v10Client(server, 'sesame');
    const old = v10Client(server, 'secret');
    try {
      expect((await good.query(fql`1`)).data).toBe(1);
      await expect(old.query(fql`1`)).rejects.toMatchObject({ httpStatus: 401 });
    } finally {
      good.close();
      old.close();
      await server.close();
    }
  });

  it('persists to --data: saved after each write, loaded on the next start', async () => {
    const file = join(dir, 'db.json');
    const first = await startTestServer({ dataFile: file });
    const c1 = v10Client(first);
    try {
      await c1.query(fql`Collection.create({ name: "Customer" })`);
      await until(() => existsSync(file) && readFileSync(file, 'utf8').includes('"Customer"'));
      await c1.query(fql`Customer.create({ id: "999", name: "John Doe" })`);
      await until(() => readFileSync(file, 'utf8').includes('John Doe'));
      // A read-only request does not rewrite the file.
      const before = readFileSync(file, 'utf8');
      await c1.query(fql`Customer.byId("999")`);
      expect(readFileSync(file, 'utf8')).toBe(before);
    } finally {
      c1.close();
      await first.close();
    }
    const second = await startTestServer({ dataFile: file });
    const c2 = v10Client(second);
    try {
      const doc = (await c2.query<Document>(fql`Customer.byId("999")`)).data;
      expect((doc as unknown as { name: string }).name).toBe('John Doe');
    } finally {
      c2.close();
      await second.close();
    }
  });

  it('refuses to start on a data file that is not an export', async () => {
    const file = join(dir, 'bad.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, '{"not":"an export"}'));
    await expect(startTestServer({ dataFile: file })).rejects.toThrow(/^Cannot load .*bad\.json: Invalid export file/);
  });
});

describe('npm run serve (the built CLI)', { timeout: 60_000 }, () => {
  // Built as `npm run serve` builds it, into a directory of this run's own (inside node_modules,
  // so the bundle's bare imports resolve), so parallel runs never share a half-written bundle.
  const out = `node_modules/.cache/fql-serve-test-${process.pid}`;
  const main = `${out}/main.js`;

  beforeAll(async () => {
    await new Promise<void>((resolve, reject) =>
      execFile(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.server.config.ts', '--outDir', out], (err) =>
        err ? reject(err) : resolve(),
      ),
    );
  }, 120_000);

  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
  });

  it('--help prints the options', async () => {
    const out = await new Promise<string>((resolve) => execFile(process.execPath, [main, '--help'], (_e, stdout) => resolve(stdout)));
    for (const option of ['--port', '--host', '--secret', '--data']) expect(out).toContain(option);
  });

  it('starts, serves the drivers, logs requests and stops cleanly on SIGTERM, saving its data', async () => {
    const file = join(dir, 'cli.json');
    const child = spawn(process.execPath, [main, '--port', '0', '--data', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await until(() => /serving Fauna's API on (http:\/\/127\.0\.0\.1:\d+)/.test(out), 10_000);
      const url = /serving Fauna's API on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
      const client = v10Client({ url } as never);
      try {
        expect((await client.query(fql`Collection.create({ name: "Kept" }).name`)).data).toBe('Kept');
      } finally {
        client.close();
      }
      await until(() => /h2 POST \/query\/1 200 /.test(out));
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(out).toContain('SIGTERM: stopping');
    expect(out).toContain('Stopped.');
    expect(readFileSync(file, 'utf8')).toContain('"Kept"');
  }, 30_000);
});
