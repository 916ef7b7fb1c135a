// The shared driver suite (tests/drivers/suite.ts) against the Node host, through the drivers'
// own Node transports (h2c). The same suite runs in Chromium against the in-page engine.
import * as fauna from 'fauna';
import faunadb from 'faunadb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/server';
import { runDriverSuite, type CaseOutcome } from '../drivers/suite';
import { startTestServer, v10Client, v4Client } from './helpers';

let server: RunningServer;
let outcomes: CaseOutcome[];

beforeAll(async () => {
  server = await startTestServer();
  outcomes = await runDriverSuite({
    fauna,
    faunadb,
    v10: (secret) => v10Client(server, secret),
    v4: (secret, observer) => v4Client(server, secret, observer ? { observer } : {}),
  });
}, 120_000);

afterAll(async () => {
  await server.close();
}, 60_000);

describe('the shared driver suite against the Node host', () => {
  it('passes every case', () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(10);
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
  });
});
