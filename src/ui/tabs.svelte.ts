// Tabs of queries, autosaved in localStorage: each tab keeps a text per language, its set-up
// steps and its result view. Results are never saved (a result can hold a token's secret).
import type { Lang } from '../engine/api';
import { viewFor } from '../share/codec';
import type { ResultView, SnippetStep } from '../share/codec';
import { randomId } from './databases.svelte';
import { START } from './start-queries';
import { readJson, writeJson } from './storage';

export interface Tab {
  id: string;
  title: string;
  lang: Lang;
  sources: Record<Lang, string>;
  setup: SnippetStep[];
  view: ResultView;
  /** Opened from a shared link: Run runs the set-up first (once). */
  setupPending?: boolean;
}

const KEY = 'tabs';
const MAX_TABS = 30;

export function newTab(title: string, init: Partial<Omit<Tab, 'id' | 'title'>> = {}): Tab {
  return {
    id: randomId(),
    title,
    lang: init.lang ?? 'fql10',
    sources: init.sources ?? { ...START },
    setup: init.setup ?? [],
    view: init.view ?? 'decorated',
    ...(init.setupPending ? { setupPending: true } : {}),
  };
}

function isLang(x: unknown): x is Lang {
  return x === 'fql10' || x === 'fql4';
}

function acceptTab(x: unknown): Tab | null {
  if (typeof x !== 'object' || x === null) return null;
  const t = x as Record<string, unknown>;
  const sources = t.sources as Record<string, unknown> | undefined;
  if (typeof t.id !== 'string' || typeof t.title !== 'string' || !isLang(t.lang) || !sources) return null;
  if (typeof sources.fql10 !== 'string' || typeof sources.fql4 !== 'string') return null;
  const setup = Array.isArray(t.setup)
    ? t.setup.filter(
        (s): s is SnippetStep => typeof s === 'object' && s !== null && isLang((s as SnippetStep).lang) && typeof (s as SnippetStep).source === 'string',
      )
    : [];
  return {
    id: t.id,
    title: t.title.slice(0, 80),
    lang: t.lang,
    sources: { fql10: sources.fql10, fql4: sources.fql4 },
    setup: setup.map((s) => (Array.isArray(s.alreadyDone) ? { lang: s.lang, source: s.source, alreadyDone: s.alreadyDone.filter((c) => typeof c === 'string') } : { lang: s.lang, source: s.source })),
    view: viewFor(t.lang, t.view),
  };
}

function accept(value: unknown): { tabs: Tab[]; active: string } | null {
  if (typeof value !== 'object' || value === null) return null;
  const { tabs, active } = value as { tabs?: unknown; active?: unknown };
  if (!Array.isArray(tabs)) return null;
  const list = tabs.map(acceptTab).filter((t): t is Tab => t !== null).slice(0, MAX_TABS);
  if (list.length === 0) return null;
  return { tabs: list, active: typeof active === 'string' && list.some((t) => t.id === active) ? active : list[0]!.id };
}

export class Tabs {
  tabs = $state<Tab[]>([]);
  activeId = $state('');
  readonly #persist: boolean;

  constructor(persist: boolean) {
    this.#persist = persist;
    const saved = persist ? readJson(KEY, accept, null) : null;
    if (saved) {
      this.tabs = saved.tabs;
      this.activeId = saved.active;
    } else {
      const first = newTab('Query 1');
      this.tabs = [first];
      this.activeId = first.id;
    }
  }

  get active(): Tab {
    return this.tabs.find((t) => t.id === this.activeId) ?? this.tabs[0]!;
  }

  /** "Query N" with the smallest unused N. */
  nextTitle(): string {
    const used = new Set(this.tabs.map((t) => t.title));
    for (let n = 1; ; n++) if (!used.has(`Query ${n}`)) return `Query ${n}`;
  }

  add(tab: Tab = newTab(this.nextTitle(), { lang: this.active.lang })): Tab {
    if (this.tabs.length >= MAX_TABS) {
      // The oldest tab makes room (tabs are cheap to lose: each is one query text).
      this.tabs = this.tabs.slice(1);
    }
    this.tabs.push(tab);
    this.activeId = tab.id;
    return this.tabs.find((t) => t.id === tab.id)!;
  }

  select(id: string): void {
    if (this.tabs.some((t) => t.id === id)) this.activeId = id;
  }

  close(id: string): void {
    const i = this.tabs.findIndex((t) => t.id === id);
    if (i < 0) return;
    const next = this.tabs.filter((t) => t.id !== id);
    if (next.length === 0) next.push(newTab('Query 1'));
    if (this.activeId === id) this.activeId = (next[Math.min(i, next.length - 1)] ?? next[0]!).id;
    this.tabs = next;
  }

  rename(id: string, title: string): void {
    const tab = this.tabs.find((t) => t.id === id);
    const clean = title.trim().replace(/\s+/g, ' ').slice(0, 80);
    if (tab && clean) tab.title = clean;
  }

  /**
   * What is written to localStorage: query texts, titles, set-up steps and views only. (Not
   * `setupPending`: after a reload the scratch database is gone, and a link's set-up must not run
   * in the user's own database unasked.)
   */
  snapshot(): string {
    return JSON.stringify({
      tabs: this.tabs.map((t) => ({
        id: t.id,
        title: t.title,
        lang: t.lang,
        sources: t.sources,
        setup: t.setup,
        view: t.view,
      })),
      active: this.activeId,
    });
  }

  save(): void {
    if (this.#persist) writeJson(KEY, JSON.parse(this.snapshot()));
  }
}
