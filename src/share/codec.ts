// Share links: a whole snippet (query, language, set-up steps, result view) in the URL hash,
// compressed with lz-string as the TypeScript playground does, behind a format version:
//
//   #v1/<lz-string compressToEncodedURIComponent of the v1 JSON payload>
//
// A released version's decoder is never changed or removed: links live in docs and chats for
// years (tests/ui/share-fixtures.ts keeps a link of every version). Decoding is total: whatever
// the hash holds, the answer is a snippet or a reason, never an exception. Everything decoded is
// untrusted text, shown only as text and parsed only by the engine.
import * as lzModule from 'lz-string';
import type { Lang } from '../engine/api';

// lz-string is a CommonJS module: bundlers expose its functions as named exports, Node's ESM
// loader only as `default`.
const lz = ((lzModule as unknown as { default?: typeof lzModule }).default ?? lzModule) as typeof lzModule;

/** How the result pane shows a result. `simple`/`tagged` exist for v10 only, `wire` for v4. */
export type ResultView = 'decorated' | 'simple' | 'tagged' | 'wire' | 'table' | 'tree';
export const RESULT_VIEWS: readonly ResultView[] = ['decorated', 'simple', 'tagged', 'wire', 'table', 'tree'];

export interface SnippetStep {
  lang: Lang;
  source: string;
  /** Error codes meaning "already in place" (so a set-up can run twice). */
  alreadyDone?: string[];
}

export interface Snippet {
  lang: Lang;
  query: string;
  setup: SnippetStep[];
  view: ResultView;
  title?: string;
}

export const CURRENT_VERSION = 1;

/** Decoding limits: a link is untrusted input. */
export const LIMITS = {
  hashChars: 2_000_000,
  jsonChars: 4_000_000,
  queryChars: 1_000_000,
  steps: 100,
  titleChars: 200,
  codes: 10,
} as const;

export type Decoded = { ok: true; snippet: Snippet; version: number } | { ok: false; reason: string };

/** Whether a hash is meant as a share link (`#v<digits>/…`), as opposed to no hash at all. */
export function looksLikeShareHash(hash: string): boolean {
  return /^#?v\d+\//.test(hash);
}

/** `v1/<payload>` (no leading `#`). */
export function encodeSnippet(snippet: Snippet): string {
  return `v${CURRENT_VERSION}/${lz.compressToEncodedURIComponent(JSON.stringify(toV1(snippet)))}`;
}

/** Decodes a hash (with or without its `#`). Never throws. */
export function decodeSnippet(hash: string): Decoded {
  try {
    return decodeUnsafe(hash);
  } catch (err) {
    return { ok: false, reason: `the link is damaged (${err instanceof Error ? err.message : 'unreadable'})` };
  }
}

function decodeUnsafe(hash: string): Decoded {
  if (typeof hash !== 'string') return { ok: false, reason: 'there is no link text' };
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text.length === 0) return { ok: false, reason: 'the link holds no query' };
  if (text.length > LIMITS.hashChars) return { ok: false, reason: 'the link is too long' };
  const m = /^v(\d{1,6})\/(.*)$/s.exec(text);
  if (!m) return { ok: false, reason: 'this is not a playground link (it should start with #v1/)' };
  const version = Number(m[1]);
  const payload = m[2]!;
  const decoder = DECODERS[version];
  if (!decoder) {
    return version > CURRENT_VERSION
      ? { ok: false, reason: `the link was made by a newer playground (format v${version}); reload to update` }
      : { ok: false, reason: `unknown link format v${version}` };
  }
  const result = decoder(payload);
  return result.ok ? { ok: true, snippet: result.snippet, version } : result;
}

type VersionDecoder = (payload: string) => { ok: true; snippet: Snippet } | { ok: false; reason: string };

/** One decoder per released version, kept forever. */
const DECODERS: Record<number, VersionDecoder> = {
  1: decodeV1,
};

// ---- v1 ------------------------------------------------------------------------------------
// JSON object: l (language), q (query), s (set-up: [lang, source, codes?][]), v (view), t (title).

interface V1 {
  l: Lang;
  q: string;
  s: Array<[Lang, string] | [Lang, string, string[]]>;
  v: ResultView;
  t?: string;
}

function toV1(s: Snippet): V1 {
  const out: V1 = {
    l: s.lang,
    q: s.query,
    s: s.setup.map((step) =>
      step.alreadyDone && step.alreadyDone.length > 0
        ? [step.lang, step.source, [...step.alreadyDone]]
        : [step.lang, step.source],
    ),
    v: s.view,
  };
  if (s.title) out.t = s.title;
  return out;
}

function decodeV1(payload: string): { ok: true; snippet: Snippet } | { ok: false; reason: string } {
  if (!/^[A-Za-z0-9+\-$]*$/.test(payload)) return { ok: false, reason: 'the link is damaged (unexpected characters)' };
  const json = lz.decompressFromEncodedURIComponent(payload);
  if (typeof json !== 'string' || json.length === 0) return { ok: false, reason: 'the link is damaged (it does not decompress)' };
  if (json.length > LIMITS.jsonChars) return { ok: false, reason: 'the link is too long' };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'the link is damaged (its contents are not JSON)' };
  }
  return snippetFromV1(raw);
}

function snippetFromV1(raw: unknown): { ok: true; snippet: Snippet } | { ok: false; reason: string } {
  if (!isRecord(raw)) return { ok: false, reason: 'the link holds no snippet' };
  const lang = raw.l;
  if (!isLang(lang)) return { ok: false, reason: 'the link names no query language' };
  if (typeof raw.q !== 'string') return { ok: false, reason: 'the link holds no query text' };
  if (raw.q.length > LIMITS.queryChars) return { ok: false, reason: 'the query in the link is too long' };
  const rawSteps = raw.s === undefined ? [] : raw.s;
  if (!Array.isArray(rawSteps) || rawSteps.length > LIMITS.steps) return { ok: false, reason: 'the link has a bad set-up' };
  const setup: SnippetStep[] = [];
  for (const item of rawSteps) {
    if (!Array.isArray(item) || item.length < 2 || item.length > 3) return { ok: false, reason: 'the link has a bad set-up step' };
    const [stepLang, source, codes] = item as unknown[];
    if (!isLang(stepLang) || typeof source !== 'string' || source.length > LIMITS.queryChars) {
      return { ok: false, reason: 'the link has a bad set-up step' };
    }
    const step: SnippetStep = { lang: stepLang, source };
    if (codes !== undefined) {
      if (!Array.isArray(codes) || codes.length > LIMITS.codes || !codes.every((c) => typeof c === 'string' && c.length <= 100)) {
        return { ok: false, reason: 'the link has a bad set-up step' };
      }
      step.alreadyDone = codes as string[];
    }
    setup.push(step);
  }
  const snippet: Snippet = { lang, query: raw.q, setup, view: viewFor(lang, raw.v) };
  if (typeof raw.t === 'string' && raw.t.trim()) snippet.title = raw.t.trim().slice(0, LIMITS.titleChars);
  return { ok: true, snippet };
}

/** A snippet from a plain object (embed.js messages, snippet files): validated like a v1 link. */
export function snippetFromObject(raw: unknown): Decoded {
  try {
    if (!isRecord(raw)) return { ok: false, reason: 'no snippet' };
    const lang = raw.lang === undefined ? 'fql10' : raw.lang;
    const setup = raw.setup === undefined ? [] : raw.setup;
    if (!Array.isArray(setup)) return { ok: false, reason: 'bad set-up' };
    const steps = setup.map((s: unknown) => {
      if (typeof s === 'string') return [lang, s];
      if (isRecord(s)) return s.alreadyDone === undefined ? [s.lang ?? lang, s.source] : [s.lang ?? lang, s.source, s.alreadyDone];
      return null;
    });
    const result = snippetFromV1({ l: lang, q: raw.query, s: steps, v: raw.view, t: raw.title });
    return result.ok ? { ok: true, snippet: result.snippet, version: CURRENT_VERSION } : result;
  } catch {
    return { ok: false, reason: 'unreadable snippet' };
  }
}

/** The view if it suits the language, else the decorated text. */
export function viewFor(lang: Lang, view: unknown): ResultView {
  if (typeof view !== 'string' || !(RESULT_VIEWS as readonly string[]).includes(view)) return 'decorated';
  if (lang === 'fql10' && view === 'wire') return 'decorated';
  if (lang === 'fql4' && (view === 'simple' || view === 'tagged')) return 'decorated';
  return view as ResultView;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isLang(x: unknown): x is Lang {
  return x === 'fql10' || x === 'fql4';
}
