// The code "Connect a driver" shows. Each in-page snippet is the body of an async function that
// runs as shown in this page's console (the browser tests run exactly these texts), and returns
// what it printed last, so a test can check it.
export interface DriverSnippet {
  id: 'fauna-page' | 'faunadb-page' | 'fauna-node';
  title: string;
  /** Where it runs: in this page, or in Node against `npm run serve`. */
  where: 'page' | 'node';
  code: string;
}

export const DRIVER_SNIPPETS: DriverSnippet[] = [
  {
    id: 'fauna-page',
    title: 'FQL v10 with the fauna driver, in this page',
    where: 'page',
    code: `const { Client, fql } = await fqlPlayground.drivers.fauna();
const client = new Client({ secret: fqlPlayground.secret }, fqlPlayground.httpClient());
const response = await client.query(fql\`Collection.all().map(.name).toArray()\`);
console.log(response.data, response.stats);
return response.data;`,
  },
  {
    id: 'faunadb-page',
    title: 'FQL v4 with the faunadb driver, in this page',
    where: 'page',
    code: `const faunadb = await fqlPlayground.drivers.faunadb();
const q = faunadb.query;
const client = new faunadb.Client({
  secret: fqlPlayground.secret,
  fetch: fqlPlayground.fetch, // the in-page engine: domain and scheme only name it
  scheme: 'http',
  domain: 'playground.local',
});
const page = await client.query(q.Paginate(q.Collections()));
console.log(page);
return page;`,
  },
  {
    id: 'fauna-node',
    title: 'From Node, against the local server (npm run serve)',
    where: 'node',
    code: `// npm run serve  →  http://127.0.0.1:8443, admin secret "secret"
import { Client, fql } from 'fauna';
const client = new Client({ endpoint: new URL('http://127.0.0.1:8443'), secret: 'secret' });
const response = await client.query(fql\`Collection.all().map(.name).toArray()\`);
console.log(response.data);
client.close();`,
  },
];
