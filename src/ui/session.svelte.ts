// The playground's state and everything the user can ask of it: tabs of queries, the databases,
// runs (with cancel), set-ups, examples, shared links, export/import, the explorer's overview.
// Components read it and call its methods; only it talks to the engine client.
import type { DatabaseOverview, Lang, RunRequest, RunResult } from '../engine/api';
import type { Example } from '../examples/seeds';
import type { Snippet, SnippetStep } from '../share/codec';
import { Databases } from './databases.svelte';
import type { DbInfo } from './databases.svelte';
import { CancelledError } from './engine-client';
import type { EngineClient, StorageInfo } from './engine-client';
import { History } from './history.svelte';
import { runSetup, setupNote } from './setup';
import { START } from './start-queries';
import { Tabs, newTab } from './tabs.svelte';
import type { Tab } from './tabs.svelte';

export const LANGS: readonly { lang: Lang; label: string }[] = [
  { lang: 'fql10', label: 'FQL v10' },
  { lang: 'fql4', label: 'FQL v4' },
];

export type Busy = 'run' | 'setup' | 'reset' | 'demo' | 'import' | 'export' | 'database' | null;

export interface Note {
  text: string;
  failed: boolean;
}

/** What the result pane shows for one tab. */
export interface Output {
  result: RunResult | null;
  /** What produced `result` when it is not the editor's query, e.g. "Set-up step 2 of 3". */
  caption: string | null;
  /** The engine could not answer at all (worker or engine failure). */
  failure: string | null;
  note: Note | null;
  /** The text that ran and where it starts in the editor's text (cost spans are offsets into it). */
  ran?: { source: string; offset: number } | null;
}

/** Who Run runs as when not the admin key: a pasted or minted secret (in memory only, never saved). */
export interface RunAs {
  secret: string;
  /** What the control shows: the principal the secret last ran as, or what it is. */
  label: string;
}

const EMPTY: Output = { result: null, caption: null, failure: null, note: null, ran: null };

/** A message across the top of the page. */
export type Banner =
  | { kind: 'shared'; title: string }
  | { kind: 'link-error'; reason: string }
  | { kind: 'info'; text: string }
  | { kind: 'error'; text: string };

export type GalleryEntry = Example & { summary?: string; topic?: string };

export interface SessionOptions {
  /** Remember tabs, history and databases in localStorage (false in embed mode). */
  persist: boolean;
}

export class Session {
  readonly databases: Databases;
  readonly tabs: Tabs;
  readonly history: History;

  busy = $state<Busy>(null);
  /** `performance.now()` when the current work started (for the elapsed-time display). */
  busySince = $state(0);
  /** What the current work is at, when it has steps ("Set-up step 2 of 5"). */
  progress = $state<string | null>(null);
  /** Counts finished runs, set-ups, resets… (the browser tests wait for it to move). */
  generation = $state(0);
  outputs = $state.raw<Record<string, Output>>({});
  /** The editor's selected text: Run runs only it when there is one. */
  selection = $state('');
  /** Where the selection starts in the editor's text (UTF-16 offset). */
  selectionStart = 0;
  /**
   * Run as this secret instead of the admin key. Memory only: never in localStorage, share links
   * or history (set-ups and examples always run as admin).
   */
  runAs = $state.raw<RunAs | null>(null);
  storage = $state.raw<StorageInfo | null>(null);
  overview = $state.raw<DatabaseOverview | null>(null);
  overviewError = $state<string | null>(null);
  banner = $state.raw<Banner | null>(null);

  readonly #client: EngineClient;

  constructor(client: EngineClient, options: SessionOptions = { persist: true }) {
    this.#client = client;
    this.databases = new Databases(options.persist);
    this.tabs = new Tabs(options.persist);
    this.history = new History(options.persist);
    client.onStorage((info) => (this.storage = info));
  }

  // ---- the active tab ------------------------------------------------------------------------

  get tab(): Tab {
    return this.tabs.active;
  }

  get lang(): Lang {
    return this.tab.lang;
  }

  get source(): string {
    return this.tab.sources[this.tab.lang];
  }

  set source(value: string) {
    this.tab.sources[this.tab.lang] = value;
  }

  get output(): Output {
    return this.outputs[this.tab.id] ?? EMPTY;
  }

  get db(): DbInfo {
    return this.databases.current;
  }

  /**
   * Whether Run runs the tab's set-up first: only for a tab opened from a link, and only on its
   * scratch database (a link's set-up never runs in the user's own databases unasked).
   */
  get runsSetupFirst(): boolean {
    return this.tab.setupPending === true && this.tab.setup.length > 0 && this.db.scratch === true;
  }

  setLang(lang: Lang): void {
    this.tab.lang = lang;
    if (this.tab.view !== 'decorated' && this.tab.view !== 'table' && this.tab.view !== 'tree') this.tab.view = 'decorated';
    this.history.resetWalk();
  }

  selectTab(id: string): void {
    this.tabs.select(id);
    this.selection = '';
    this.history.resetWalk();
  }

  newTab(): void {
    this.tabs.add();
    this.selection = '';
  }

  closeTab(id: string): void {
    this.tabs.close(id);
    const { [id]: _gone, ...rest } = this.outputs;
    this.outputs = rest;
  }

  /** The active tab as a snippet (what Share puts in a link). */
  snippet(): Snippet {
    const tab = this.tab;
    const snippet: Snippet = { lang: tab.lang, query: tab.sources[tab.lang], setup: tab.setup, view: tab.view };
    if (!/^Query \d+$/.test(tab.title)) snippet.title = tab.title;
    return snippet;
  }

  /** ↑ on the first line / ↓ on the last: the text to show, or null to let the key through. */
  historyStep(direction: 'older' | 'newer'): string | null {
    const text = this.history.step(this.lang, direction, this.source);
    if (text !== null) this.source = text;
    return text;
  }

  // ---- running -------------------------------------------------------------------------------

  /** Runs the selection, or the whole query (after the set-up, for a tab opened from a link). */
  async run(): Promise<void> {
    if (this.busy) return;
    const tab = this.tab;
    if (this.runsSetupFirst) {
      await this.runSetup(true);
      return;
    }
    const partial = this.selection.trim() !== '';
    const text = partial ? this.selection : tab.sources[tab.lang];
    const request = this.#request(tab.lang, text);
    this.history.add(tab.lang, text);
    const db = this.db;
    const ran = { source: text, offset: partial ? this.selectionStart : 0 };
    await this.#work('run', tab.id, async (set) => {
      set({ result: this.#ranAs(request, await this.#client.run(db.idb, request)), ran });
    });
  }

  /** Runs as `secret` from now on (trimmed; empty: back to admin). */
  setRunAs(secret: string, label?: string): void {
    const trimmed = secret.trim();
    this.runAs = trimmed ? { secret: trimmed, label: label ?? 'pasted secret' } : null;
  }

  clearRunAs(): void {
    this.runAs = null;
  }

  #request(lang: Lang, source: string): RunRequest {
    const runAs = this.runAs;
    return runAs ? { lang, source, secret: runAs.secret } : { lang, source };
  }

  /** Names the run-as control after the principal a secret ran as, once it is known. */
  #ranAs(request: RunRequest, result: RunResult): RunResult {
    const runAs = this.runAs;
    if (request.secret !== undefined && runAs?.secret === request.secret && result.principal && (result.ok || result.error.code !== 'unauthorized')) {
      this.runAs = { secret: runAs.secret, label: result.principal };
    }
    return result;
  }

  /** Runs the tab's set-up steps, then (if asked) its query. */
  async runSetup(thenQuery = false): Promise<void> {
    if (this.busy) return;
    const tab = this.tab;
    const db = this.db;
    await this.#work('setup', tab.id, async (set) => {
      const ok = await this.#setup(db, tab.setup, set);
      if (!ok) return;
      tab.setupPending = false;
      if (!thenQuery) return;
      this.busy = 'run';
      this.progress = null;
      const source = tab.sources[tab.lang];
      this.history.add(tab.lang, source);
      const request = this.#request(tab.lang, source);
      set({ result: this.#ranAs(request, await this.#client.run(db.idb, request)), ran: { source, offset: 0 } });
    });
  }

  cancel(): void {
    if (this.busy) this.#client.cancel();
  }

  async chooseExample(example: GalleryEntry): Promise<void> {
    if (this.busy) return;
    const tab = this.tab;
    tab.title = example.title.replace(/^v(10|4): /, '');
    tab.lang = example.lang;
    tab.sources[example.lang] = example.source;
    tab.setup = example.setup.map((s) => ({ ...s, alreadyDone: [...s.alreadyDone] }));
    tab.setupPending = false;
    if (tab.view === 'simple' || tab.view === 'tagged' || tab.view === 'wire') tab.view = 'decorated';
    this.selection = '';
    const db = this.db;
    await this.#work('setup', tab.id, async (set) => {
      await this.#setup(db, example.setup, set);
    });
  }

  /** Runs set-up steps; records the note (and a failed step's result). True when all went well. */
  async #setup(db: DbInfo, steps: readonly SnippetStep[], set: (patch: Partial<Output>) => void): Promise<boolean> {
    const outcome = await runSetup({ run: (request) => this.#client.run(db.idb, request) }, steps, (i, n) => {
      this.progress = `Set-up step ${i} of ${n}`;
    }).catch((err: unknown) => {
      if (!(err instanceof CancelledError)) set({ note: { text: 'Set-up: failed, the engine did not answer', failed: true } });
      throw err;
    });
    set({ note: { text: setupNote(outcome), failed: !outcome.ok } });
    if (!outcome.ok) set({ result: outcome.result, caption: `Set-up step ${outcome.step} of ${outcome.steps}` });
    return outcome.ok;
  }

  async #work(kind: Exclude<Busy, null>, tabId: string, task: (set: (patch: Partial<Output>) => void) => Promise<void>): Promise<void> {
    const set = (patch: Partial<Output>): void => {
      this.outputs = { ...this.outputs, [tabId]: { ...(this.outputs[tabId] ?? EMPTY), ...patch } };
    };
    this.busy = kind;
    this.busySince = performance.now();
    this.progress = null;
    set({ ...EMPTY });
    try {
      await task(set);
    } catch (err) {
      if (err instanceof CancelledError) {
        const lost = this.storage?.mode === 'memory' ? ' This page keeps its databases in memory, so they were emptied.' : '';
        // (Set by the task while it ran: TypeScript cannot see that.)
        const progress = this.progress as string | null;
        const what =
          kind === 'run'
            ? 'the query stopped before its commit and wrote nothing.'
            : progress
              ? `${progress.toLowerCase()} stopped before its commit and wrote nothing; the steps before it had finished.`
              : 'nothing was written.';
        set({ note: { text: `Cancelled: ${what}${lost}`, failed: true } });
      } else {
        set({ failure: err instanceof Error ? err.message : String(err) });
      }
    } finally {
      this.busy = null;
      this.progress = null;
      this.generation++;
    }
  }

  // ---- databases -----------------------------------------------------------------------------

  selectDatabase(id: string): void {
    if (this.busy) return;
    this.databases.select(id);
    this.overview = null;
    if (!this.db.scratch && this.banner?.kind === 'shared') this.banner = null;
  }

  async createDatabase(name: string, demo = false): Promise<void> {
    if (this.busy) return;
    const db = this.databases.create(name);
    this.selectDatabase(db.id);
    if (demo) await this.loadDemo();
    else this.generation++;
  }

  renameDatabase(id: string, name: string): void {
    this.databases.rename(id, name);
  }

  async deleteDatabase(id: string): Promise<void> {
    const db = this.databases.list.find((d) => d.id === id);
    if (!db || this.busy) return;
    await this.#dbWork(async () => {
      await this.#client.drop(db.idb);
      this.databases.remove(id);
      this.overview = null;
      this.banner = { kind: 'info', text: `Deleted the database “${db.name}”.` };
    });
  }

  async resetDatabase(): Promise<void> {
    if (this.busy) return;
    const db = this.db;
    await this.#work('reset', this.tab.id, async (set) => {
      await this.#client.reset(db.idb);
      set({ note: { text: `Database reset: “${db.name}” is empty now.`, failed: false } });
    });
  }

  /** Loads the demo data into the current database and opens a tab querying it. */
  async loadDemo(reset = false): Promise<void> {
    if (this.busy) return;
    const db = this.db;
    const { DEMO_QUERY, DEMO_SETUP } = await import('../examples/demo-data');
    if (this.busy) return;
    const tab = this.tabs.add(newTab('Demo data', { lang: 'fql10', sources: { ...START, fql10: DEMO_QUERY } }));
    await this.#work('demo', tab.id, async (set) => {
      if (reset) await this.#client.reset(db.idb);
      const outcome = await runSetup({ run: (request) => this.#client.run(db.idb, request) }, DEMO_SETUP, (i, n) => {
        this.progress = `Demo data step ${i} of ${n}`;
      });
      set({
        note: outcome.ok
          ? { text: `Demo data loaded into “${db.name}”: Category, Product, Customer (with credentials) and Order.`, failed: false }
          : { text: setupNote(outcome), failed: true },
      });
      if (!outcome.ok) set({ result: outcome.result, caption: `Demo data step ${outcome.step} of ${outcome.steps}` });
    });
  }

  /** The current database as an export file's text, and a file name for it. */
  async exportDatabase(): Promise<{ name: string; text: string } | null> {
    if (this.busy) return null;
    const db = this.db;
    let out: { name: string; text: string } | null = null;
    await this.#dbWork(async () => {
      const file = await this.#client.exportData(db.idb);
      const stem = db.name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'database';
      out = { name: `${stem}.fql-playground.json`, text: `${JSON.stringify(file, null, 2)}\n` };
    }, 'export');
    return out;
  }

  /**
   * Imports an export file into a new database named after the file. A bad file is rejected with
   * the engine's error and leaves everything as it was (the new database is removed again).
   */
  async importDatabase(fileName: string, text: string): Promise<boolean> {
    if (this.busy) return false;
    let file: unknown;
    try {
      file = JSON.parse(text);
    } catch {
      this.banner = { kind: 'error', text: `Invalid export file: ${fileName} is not JSON. Nothing was imported.` };
      this.generation++;
      return false;
    }
    const previous = this.databases.currentId;
    const db = this.databases.create(fileName.replace(/(\.fql-playground)?\.json$/i, '') || 'Imported');
    let ok = false;
    await this.#dbWork(async () => {
      try {
        await this.#client.importData(db.idb, file);
        this.databases.select(db.id);
        this.overview = null;
        this.banner = { kind: 'info', text: `Imported ${fileName} into the new database “${db.name}”.` };
        ok = true;
      } catch (err) {
        await this.#client.drop(db.idb).catch(() => undefined);
        this.databases.remove(db.id);
        this.databases.select(previous);
        throw err;
      }
    }, 'import');
    return ok;
  }

  async #dbWork(task: () => Promise<void>, kind: Exclude<Busy, null> = 'database'): Promise<void> {
    this.busy = kind;
    this.busySince = performance.now();
    try {
      await task();
    } catch (err) {
      const message = err instanceof CancelledError ? 'Cancelled.' : err instanceof Error ? err.message : String(err);
      this.banner = { kind: 'error', text: `${message} Nothing was changed.` };
    } finally {
      this.busy = null;
      this.generation++;
    }
  }

  async refreshOverview(): Promise<void> {
    const db = this.db;
    try {
      const overview = await this.#client.overview(db.idb);
      if (this.db.id === db.id) {
        this.overview = overview;
        this.overviewError = null;
      }
    } catch (err) {
      if (err instanceof CancelledError) return;
      this.overviewError = err instanceof Error ? err.message : String(err);
    }
  }

  /** Opens a document from the explorer as a query, and runs it (it only reads). */
  async openDocument(collection: string, id: string): Promise<void> {
    if (this.busy) return;
    this.tab.lang = 'fql10';
    this.tab.sources.fql10 = `${collection}.byId(${JSON.stringify(id)})`;
    this.selection = '';
    await this.run();
  }

  // ---- shared links --------------------------------------------------------------------------

  /**
   * Opens a snippet from a link or a file: a new tab over a fresh scratch database. Nothing runs
   * until the user clicks Run, and the user's own databases are never touched.
   */
  openShared(snippet: Snippet, scratchName = 'Scratch (shared link)'): void {
    const { previous } = this.databases.openScratch(scratchName);
    if (previous) void this.#client.drop(previous.idb).catch(() => undefined);
    const title = snippet.title ?? 'Shared query';
    this.tabs.add(
      newTab(title, {
        lang: snippet.lang,
        sources: { ...START, [snippet.lang]: snippet.query },
        setup: snippet.setup.map((s) => ({ ...s })),
        view: snippet.view,
        setupPending: snippet.setup.length > 0,
      }),
    );
    this.selection = '';
    this.overview = null;
    this.banner = { kind: 'shared', title };
  }

  linkError(reason: string): void {
    this.banner = { kind: 'link-error', reason };
  }

  /** Back to the user's own databases (the scratch one stays in the list until the page closes). */
  leaveScratch(): void {
    const kept = this.databases.list.find((d) => !d.scratch);
    if (kept) this.selectDatabase(kept.id);
    this.banner = null;
  }

  keepScratch(name: string): void {
    const scratch = this.databases.scratch;
    if (!scratch) return;
    this.databases.keep(scratch.id, name);
    this.banner = { kind: 'info', text: `Kept the scratch database as “${this.databases.current.name}”.` };
  }
}
