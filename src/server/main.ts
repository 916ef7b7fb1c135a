// `npm run serve`: the playground engine on http://127.0.0.1:8443 with the admin secret `secret`
// (as Fauna's docker image), for the official drivers and fauna-shell.
//
//   npm run serve -- [--port 8443] [--host 127.0.0.1] [--secret secret] [--data file.json]
import { parseArgs } from 'node:util';
import { startServer } from './server';

const USAGE = `Usage: npm run serve -- [options]

Serves the FQL Playground engine over Fauna's HTTP protocol (v10 POST /query/1, v4 POST /,
GET /ping), HTTP/1.1 and cleartext HTTP/2 on one port.

Options:
  --port <n>       port to listen on (default 8443)
  --host <addr>    address to bind (default 127.0.0.1, loopback only)
  --secret <s>     the admin key secret (default "secret")
  --data <file>    persist the database to this JSON file (loaded on start, saved after
                   each write and on exit); without it the database lives in memory
  -h, --help       show this help`;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '8443' },
        host: { type: 'string', default: '127.0.0.1' },
        secret: { type: 'string', default: 'secret' },
        data: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid --port ${values.port}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.secret === '' || /[/,()&=:]/.test(values.secret)) {
    console.error('Invalid --secret: it must be non-empty and contain none of / , ( ) & = :');
    process.exit(2);
  }

  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  let server;
  try {
    server = await startServer({ port, host: values.host, secret: values.secret, dataFile: values.data, log });
  } catch (e) {
    console.error(`Cannot start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  const running = server;
  console.log(
    `FQL Playground serving Fauna's API on ${running.url} (HTTP/1.1 and h2c)\n` +
      `  admin secret: ${values.secret === 'secret' ? '"secret"' : '(as given by --secret)'}\n` +
      `  data: ${values.data ? values.data : 'in memory (use --data <file> to keep it)'}\n` +
      `  try: fauna query "1 + 1" --url ${running.url} --secret ${values.secret === 'secret' ? 'secret' : '<secret>'}\n` +
      'Press Ctrl+C to stop.',
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.log('Forced exit.');
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: stopping${values.data ? ` and saving ${values.data}` : ''}…`);
    running.close().then(
      () => {
        console.log('Stopped.');
        process.exit(0);
      },
      (e: unknown) => {
        console.error(`Error while stopping: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
