// fauna-shell 4 (its CLI entry point, unmodified) against the Node host: `fauna query` with a
// local URL and secret prints a v10 result and a v10 error as it does against Fauna (the digest's
// §4: decorated data on stdout; "The query failed with the following error:" and the summary on
// stderr, exit 1; "Constraint failures:" with the JSON), and its v4 mode works over HTTP/1.1.
// The CLI runs with HOME in a temporary directory, so it never touches the user's ~/.fauna.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/server';
import { startTestServer } from './helpers';

const CLI = resolve('node_modules/fauna-shell/dist/cli.cjs');

let server: RunningServer;
let home: string;
const lines: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ log: (l) => lines.push(l) });
  home = mkdtempSync(join(tmpdir(), 'fauna-shell-home-'));
}, 60_000);

afterAll(async () => {
  await server.close();
  rmSync(home, { recursive: true, force: true });
}, 60_000);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function fauna(args: string[], secret = 'secret'): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI, ...args, '--url', server.url, '--secret', secret],
      {
        cwd: home,
        timeout: 60_000,
        // Only what the CLI needs: no FAUNA_* from the environment, no update check, a scratch HOME.
        env: { PATH: process.env.PATH ?? '', HOME: home, NO_UPDATE_NOTIFIER: '1', NO_COLOR: '1' },
      },
      (err, stdout, stderr) => done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('fauna query (v10, h2c)', { timeout: 60_000 }, () => {
  it('prints the decorated result on stdout', async () => {
    const r = await fauna(['query', '1 + 1']);
    expect(r).toEqual({ code: 0, stdout: '2\n', stderr: '' });
    const obj = await fauna(['query', '{ name: "x", list: [1, 2.5, null], nested: { ok: true } }']);
    expect(obj.stdout).toBe('{\n  name: "x",\n  list: [\n    1,\n    2.5,\n    null\n  ],\n  nested: {\n    ok: true\n  }\n}\n');
    expect(obj.code).toBe(0);
  });

  it('creates and reads documents; --json prints the simple format', async () => {
    expect((await fauna(['query', 'Collection.create({ name: "Customer" }).name'])).stdout).toBe('"Customer"\n');
    const created = await fauna(['query', 'Customer.create({ id: "999", name: "John Doe" })']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^\{\n {2}id: "999",\n {2}coll: Customer,\n {2}ts: Time\("[^"]+"\),\n {2}name: "John Doe"\n\}\n$/);
    const json = await fauna(['query', 'Customer.byId("999")', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ id: '999', coll: 'Customer', name: 'John Doe' });
  });

  it('prints a query error with its summary on stderr and exits 1', async () => {
    const r = await fauna(['query', 'Foo.all()']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'The query failed with the following error:\n\n' +
        'error: Unbound variable `Foo`\nat *query*:1:1\n|\n1 | Foo.all()\n| ^^^\n|\n',
    );
  });

  it('prints constraint failures as JSON after the summary', async () => {
    await fauna(['query', 'Collection.create({ name: "Dup" })']);
    const r = await fauna(['query', 'Collection.create({ name: "Dup" })']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The query failed with the following error:\n\nerror: Failed to create Collection.\n');
    expect(r.stderr).toContain(
      '\n\nConstraint failures:\n[\n  {\n    "paths": [\n      [\n        "name"\n      ]\n    ],\n' +
        '    "message": "A Collection already exists with the name `Dup`"\n  }\n]',
    );
  });

  it('a bad secret: "failed unexpectedly" with the 401 message (no summary)', async () => {
    const r = await fauna(['query', '1 + 1'], 'wrong');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('The query failed unexpectedly with the following error:\n\nAccess token required\n');
  });

  it('--include stats prints the stats the server sent', async () => {
    const r = await fauna(['query', '1 + 1', '--include', 'stats']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('2\n');
    expect(r.stderr).toMatch(
      /^stats:\n {2}compute_ops: 1\n {2}read_ops: 0\n {2}write_ops: 0\n {2}query_time_ms: \d+\n {2}contention_retries: 0\n {2}storage_bytes_read: 0\n {2}storage_bytes_write: 0\n {2}rate_limits_hit: \[\]\n {2}attempts: 1\n\n$/,
    );
  });
});

describe('fauna query -v 4 (HTTP/1.1)', { timeout: 60_000 }, () => {
  it('prints a v4 result as util.inspect does', async () => {
    await fauna(['query', 'CreateCollection({ name: "characters" })', '-v', '4']);
    const r = await fauna(['query', 'Create(Ref(Collection("characters"), "1"), { data: { name: "Harry" } })', '-v', '4']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\{\n {2}ref: Ref\(Collection\("characters"\), "1"\),\n {2}ts: \d{16},\n {2}data: \{ name: 'Harry' \}\n\}\n$/);
  });

  it('prints a v4 error as `<code>: <description>` and its position', async () => {
    const r = await fauna(['query', 'Get(Ref(Collection("characters"), "404"))', '-v', '4']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('The query failed with the following error:\n\ninstance not found: Document not found.\nat *query*:\n');
  });

  it('used HTTP/1.1 for v4 and h2c for v10, one request per command', () => {
    expect(lines.some((l) => l.startsWith('h1 POST / '))).toBe(true);
    expect(lines.some((l) => l.startsWith('h2 POST /query/1 '))).toBe(true);
    expect(lines.every((l) => / (POST \/|POST \/query\/1) \d{3} /.test(l))).toBe(true);
  });
});
