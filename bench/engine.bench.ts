// Seed-flow latencies through the whole engine (parse → evaluate → commit → render) on
// fake-indexeddb in Node, and login()'s overhead over the argon2id verify it cannot avoid.
import 'fake-indexeddb/auto';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { expect, test } from 'vitest';
import { openEngine } from '../src/engine';
import { hashPassword, verifyPassword } from '../src/engine/auth/password';
import { median, sample } from './stats';

const RUNS = 15;

test('engine seed flows', async () => {
  const engine = await openEngine({ indexedDB, name: `bench-${Date.now()}` });
  const run = async (source: string) => {
    const r = await engine.run({ lang: 'fql10', source });
    if (!r.ok) throw new Error(r.error.summary);
    return r;
  };
  await run('Collection.create({ name: "Customer" })');
  await run('Customer.create({ id: "999", name: "John Doe" })');
  await run('Credential.create({ document: Customer.byId("999"), password: "sekret" })');

  const tokenCreate = await sample(RUNS, () => run('Token.create({ document: Customer.byId("999") })'));
  const login = await sample(RUNS, () => run('Credential.byDocument(Customer.byId("999"))!.login("sekret")'));
  const phc = await hashPassword('sekret');
  const verify = await sample(RUNS, () => verifyPassword('sekret', phc));
  engine.close();

  const result = {
    environment: `node ${process.version}, fake-indexeddb, ${RUNS} runs each`,
    medians_ms: {
      token_create: round(median(tokenCreate)),
      login: round(median(login)),
      argon2id_verify: round(median(verify)),
    },
    login_over_verify_ratio: round(median(login) / median(verify)),
  };
  const file = 'bench/results.json';
  const all = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  all.engine = result;
  writeFileSync(file, JSON.stringify(all, null, 2) + '\n');
  expect(result.medians_ms.login).toBeGreaterThan(0);
});

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
