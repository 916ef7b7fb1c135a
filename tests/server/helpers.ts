// Test helpers: the Node host started in-process on a free loopback port, and the unmodified
// official drivers pointed at it.
import { Client, fql, type Query } from 'fauna';
import faunadb from 'faunadb';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/server';

export async function startTestServer(opts: Partial<ServerOptions> = {}): Promise<RunningServer> {
  return startServer({ port: 0, ...opts });
}

/** A v10 client (`fauna`): h2c with prior knowledge, the driver's default on Node. */
export function v10Client(server: RunningServer, secret = 'secret', extra: Record<string, unknown> = {}): Client {
  return new Client({ endpoint: new URL(server.url), secret, ...extra });
}

/** A v4 client (`faunadb`): h2c on Node too. */
export function v4Client(server: RunningServer, secret = 'secret', extra: Record<string, unknown> = {}): faunadb.Client {
  return new faunadb.Client({ secret, domain: '127.0.0.1', port: server.port, scheme: 'http', ...extra });
}

/** FQL text as one template fragment, as `fql` sends a literal query. */
export function fqlText(source: string): Query {
  const strings = Object.assign([source], { raw: [source] }) as unknown as TemplateStringsArray;
  return fql(strings);
}
