// The playground engine served over Fauna's HTTP protocol: one engine on fake-indexeddb, the
// wire handler, the one-port HTTP/1.1 + h2c host, and optional persistence to a JSON file (the
// engine's export format), loaded on start and saved after each request that committed writes.
// `npm run serve` runs this through main.ts; tests start it in-process.
import 'fake-indexeddb/auto';
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { openEngine, type Engine } from '../engine';
import { badHttpRequest, clientTimedOut, createWireHandler, MAX_BODY_BYTES, requestTooLarge } from '../engine/wire/handler';
import { startHost } from './host';

export interface ServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Loopback unless told otherwise. */
  host?: string;
  /** The admin key secret (Fauna's docker image uses `secret`). */
  secret?: string;
  /** Persist to this file: loaded on start if it exists, saved after writes and on close. */
  dataFile?: string;
  log?: (line: string) => void;
  /** How long a client may stall mid-request before it gets 408 (default 60 s, as the core). */
  readTimeoutMs?: number;
  maxBodyBytes?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  engine: Engine;
  /** Saves the data file now (when there is one); resolves after the write. */
  save(): Promise<void>;
  /** Stops serving, saves (when persisting) and closes the engine. */
  close(): Promise<void>;
}

let instances = 0;

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const log = opts.log ?? (() => undefined);
  const engine = await openEngine({ indexedDB, name: `fql-playground-server-${process.pid}-${instances++}` });
  if (opts.dataFile && existsSync(opts.dataFile)) {
    const text = await readFile(opts.dataFile, 'utf8');
    try {
      await engine.importData(JSON.parse(text));
    } catch (e) {
      engine.close();
      throw new Error(`Cannot load ${opts.dataFile}: ${e instanceof Error ? e.message : String(e)}`);
    }
    log(`loaded ${opts.dataFile}`);
  }

  const saver = opts.dataFile ? persister(engine, opts.dataFile, log) : undefined;
  const maxBodyBytes = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const handler = createWireHandler({
    engine,
    adminSecret: opts.secret ?? 'secret',
    maxBodyBytes,
    onCommit: saver ? () => void saver.schedule() : undefined,
  });
  let host;
  try {
    host = await startHost({
      port: opts.port,
      host: opts.host ?? '127.0.0.1',
      handler,
      maxBodyBytes,
      tooLarge: requestTooLarge,
      timedOut: clientTimedOut,
      badRequest: badHttpRequest,
      readTimeoutMs: opts.readTimeoutMs,
      log,
    });
  } catch (e) {
    engine.close();
    throw e;
  }
  const running = host;
  let closing: Promise<void> | undefined;
  return {
    url: running.url,
    port: running.port,
    host: running.host,
    engine,
    save: async () => saver?.schedule(),
    close: () =>
      (closing ??= (async () => {
        await running.close();
        await saver?.schedule();
        engine.close();
      })()),
  };
}

/** Saves one export at a time; a request during a save queues exactly one more. */
function persister(engine: Engine, file: string, log: (line: string) => void) {
  let running: Promise<void> | undefined;
  let again: Promise<void> | undefined;
  const saveOnce = async () => {
    const data = await engine.exportData();
    const tmp = `${file}.tmp-${process.pid}`;
    await writeFile(tmp, JSON.stringify(data));
    await rename(tmp, file);
  };
  const run = (): Promise<void> => {
    running = saveOnce()
      .catch((e: unknown) => log(`saving ${file} failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => (running = undefined));
    return running;
  };
  return {
    schedule(): Promise<void> {
      if (!running) return run();
      again ??= running.then(() => {
        again = undefined;
        return run();
      });
      return again;
    },
  };
}
