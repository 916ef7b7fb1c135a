// The history of run queries (texts only), newest first, remembered in localStorage, and the
// ↑/↓ walk through it from the editor's first/last line.
import type { Lang } from '../engine/api';
import { readJson, writeJson } from './storage';

export interface HistoryEntry {
  lang: Lang;
  source: string;
  /** When it ran, ms since the epoch. */
  at: number;
}

const KEY = 'history';
export const MAX_HISTORY = 200;

function accept(value: unknown): HistoryEntry[] | null {
  if (!Array.isArray(value)) return null;
  return value
    .filter(
      (e): e is HistoryEntry =>
        typeof e === 'object' &&
        e !== null &&
        (e.lang === 'fql10' || e.lang === 'fql4') &&
        typeof e.source === 'string' &&
        typeof e.at === 'number',
    )
    .slice(0, MAX_HISTORY);
}

export class History {
  entries = $state<HistoryEntry[]>([]);
  readonly #persist: boolean;
  /** Position of the ↑/↓ walk: -1 is the text being written (kept in `#draft`). */
  #cursor = -1;
  #draft = '';

  constructor(persist: boolean) {
    this.#persist = persist;
    if (persist) this.entries = readJson(KEY, accept, []);
  }

  add(lang: Lang, source: string): void {
    const text = source.trim();
    this.#cursor = -1;
    if (!text) return;
    const rest = this.entries.filter((e) => !(e.lang === lang && e.source.trim() === text));
    this.entries = [{ lang, source, at: Date.now() }, ...rest].slice(0, MAX_HISTORY);
    if (this.#persist) writeJson(KEY, this.entries);
  }

  clear(): void {
    this.entries = [];
    this.#cursor = -1;
    if (this.#persist) writeJson(KEY, []);
  }

  /** Stops a walk (the user switched tabs or languages). */
  resetWalk(): void {
    this.#cursor = -1;
  }

  /**
   * One step of the walk among `lang`'s entries: `older` from the first line, newer from the
   * last. Returns the text to show, or null when there is nowhere to go.
   */
  step(lang: Lang, direction: 'older' | 'newer', current: string): string | null {
    const list = this.entries.filter((e) => e.lang === lang);
    if (direction === 'older') {
      if (this.#cursor + 1 >= list.length) return null;
      if (this.#cursor === -1) this.#draft = current;
      this.#cursor++;
      return list[this.#cursor]!.source;
    }
    if (this.#cursor === -1) return null;
    this.#cursor--;
    return this.#cursor === -1 ? this.#draft : list[this.#cursor]!.source;
  }
}
