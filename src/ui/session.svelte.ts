// The playground's state: language, editor text per language, the last result, busy flags.
import type { Lang, RunResult } from '../engine/api';
import { examples } from '../examples/seeds';
import type { Example } from '../examples/seeds';
import type { EngineClient } from './engine-client';
import { runSetup, setupNote } from './setup';
import { START } from './start-queries';

export const LANGS: readonly { lang: Lang; label: string }[] = [
  { lang: 'fql10', label: 'FQL v10' },
  { lang: 'fql4', label: 'FQL v4' },
];

export type Busy = 'run' | 'setup' | 'reset' | null;

export interface Note {
  kind: 'setup' | 'reset';
  text: string;
  failed: boolean;
}

export class Session {
  lang = $state<Lang>('fql10');
  sources = $state<Record<Lang, string>>({ ...START });
  busy = $state<Busy>(null);
  /** The last query's result (also a failed set-up step's). */
  result = $state.raw<RunResult | null>(null);
  /** What produced `result` when it is not the editor's query, e.g. "Set-up step 2 of 3". */
  resultCaption = $state<string | null>(null);
  /** The engine could not answer at all (worker or engine failure). */
  failure = $state<string | null>(null);
  note = $state<Note | null>(null);
  /** Counts finished runs, set-ups and resets (the browser tests wait for it to move). */
  generation = $state(0);
  example = $state.raw<Example | null>(null);

  readonly examples = examples;
  readonly #client: EngineClient;

  constructor(client: EngineClient) {
    this.#client = client;
  }

  get source(): string {
    return this.sources[this.lang];
  }

  set source(value: string) {
    this.sources[this.lang] = value;
  }

  setLang(lang: Lang): void {
    this.lang = lang;
  }

  async run(): Promise<void> {
    if (this.busy) return;
    const request = { lang: this.lang, source: this.source };
    await this.#work('run', async () => {
      this.result = await this.#client.run(request);
    });
  }

  async chooseExample(id: string): Promise<void> {
    const example = this.examples.find((e) => e.id === id);
    if (!example || this.busy) return;
    this.example = example;
    this.lang = example.lang;
    this.sources[example.lang] = example.source;
    await this.#work('setup', async () => {
      const outcome = await runSetup(this.#client, example.setup).catch((err: unknown) => {
        this.note = { kind: 'setup', text: 'Set-up: failed, the engine did not answer', failed: true };
        throw err;
      });
      this.note = { kind: 'setup', text: setupNote(outcome), failed: !outcome.ok };
      if (!outcome.ok) {
        this.result = outcome.result;
        this.resultCaption = `Set-up step ${outcome.step} of ${outcome.steps}`;
      }
    });
  }

  async reset(): Promise<void> {
    if (this.busy) return;
    await this.#work('reset', async () => {
      await this.#client.reset();
      this.note = { kind: 'reset', text: 'Database reset: it is empty now.', failed: false };
    });
  }

  async #work(kind: Exclude<Busy, null>, task: () => Promise<void>): Promise<void> {
    this.busy = kind;
    this.result = null;
    this.resultCaption = null;
    this.failure = null;
    if (kind !== 'run') this.note = null;
    try {
      await task();
    } catch (err) {
      this.failure = err instanceof Error ? err.message : String(err);
    } finally {
      this.busy = null;
      this.generation++;
    }
  }
}
