// The §10 catalogue's world (fauna-auth-semantics §10): collection U with u1 (credential,
// password "pw") and u2 (none), and keys of every built-in role, made in either language.
// Queries run through `execute` with a secret, so results keep Fauna's codes, positions and
// constraint failures.
import type { Engine, Executed } from '../../../src/engine/engine';
import { renderDecorated } from '../../../src/engine/render/decorated';
import { freshEngine } from '../helpers';

export type Lang = 'fql10' | 'fql4';

export const secretIn = (text: string) => /secret: ["'](fn[A-Za-z0-9_-]+)["']/.exec(text)![1]!;
export const idIn = (text: string) => (/id: "(\d+)"/.exec(text) ?? /Ref\([A-Za-z]+\(\), "(\d+)"\)/.exec(text))![1]!;

export async function exec(engine: Engine, lang: Lang, source: string, secret?: string): Promise<Executed> {
  return engine.execute({ lang, source, ...(secret !== undefined ? { secret } : {}) } as Parameters<Engine['execute']>[0]);
}

/** What a query printed, or `code: message` when it failed: one string to compare. */
export function outcome(x: Executed): string {
  if (!x.ok) return `${x.error.code}: ${x.error.message}`;
  return x.lang === 'fql4' ? x.output.text : renderDecorated(x.value);
}

export interface World {
  engine: Engine;
  name: string;
  keys: { admin: string; server: string; ro: string; client: string };
  /** Shell text (v4) or decorated FQL (v10) of a query that must succeed. */
  ok(lang: Lang, source: string, secret?: string): Promise<string>;
  /** The failure of a query that must fail. */
  err(lang: Lang, source: string, secret?: string): Promise<Extract<Executed, { ok: false }>>;
  /** A fresh token secret of u1, by login with the server key. */
  login(lang?: Lang): Promise<string>;
}

export async function world(): Promise<World> {
  const { engine, name } = await freshEngine();
  const run = async (lang: Lang, source: string, secret?: string) => {
    const r = await engine.run({ lang, source, ...(secret !== undefined ? { secret } : {}) });
    if (!r.ok) throw new Error(`${source} failed: ${r.error.code}: ${r.error.message}`);
    return r.text;
  };
  const err = async (lang: Lang, source: string, secret?: string) => {
    const x = await exec(engine, lang, source, secret);
    if (x.ok) throw new Error(`${source} succeeded`);
    return x;
  };
  await run('fql10', 'Collection.create({ name: "U" })');
  await run('fql10', 'U.create({ id: "1", name: "Ann", isAdmin: true })\nU.create({ id: "2", name: "Bob", isAdmin: false })');
  await run('fql10', 'Credential.create({ document: U.byId("1"), password: "pw" })');
  const key = async (role: string) => secretIn(await run('fql10', `Key.create({ role: "${role}" }).secret`).then((t) => `secret: ${t}`));
  const keys = { admin: await key('admin'), server: await key('server'), ro: await key('server-readonly'), client: await key('client') };
  const login = async (lang: Lang = 'fql10') =>
    secretIn(
      await run(
        lang,
        lang === 'fql10' ? 'Credential.byDocument(U.byId("1"))!.login("pw")' : 'Login(Ref(Collection("U"), "1"), {password: "pw"})',
        keys.server,
      ),
    );
  return { engine, name, keys, ok: run, err, login };
}
