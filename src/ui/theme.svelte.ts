// Light, dark, or the OS's choice; remembered. The choice is `data-theme` on <html>, which
// app.css reads; Monaco follows `dark`.
import { readText, writeText } from './storage';

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEMES: readonly { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System theme' },
  { value: 'light', label: 'Light theme' },
  { value: 'dark', label: 'Dark theme' },
];

const KEY = 'theme';

export class Theme {
  choice = $state<ThemeChoice>('system');
  #systemDark = $state(false);

  constructor(persist: boolean) {
    const saved = persist ? readText(KEY) : null;
    if (saved === 'light' || saved === 'dark' || saved === 'system') this.choice = saved;
    this.#persist = persist;
    const media = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
    if (media) {
      this.#systemDark = media.matches;
      media.addEventListener('change', (e) => (this.#systemDark = e.matches));
    }
    this.apply();
  }

  readonly #persist: boolean;

  get dark(): boolean {
    return this.choice === 'dark' || (this.choice === 'system' && this.#systemDark);
  }

  set(choice: ThemeChoice): void {
    this.choice = choice;
    if (this.#persist) writeText(KEY, choice);
    this.apply();
  }

  apply(): void {
    const root = globalThis.document?.documentElement;
    if (!root) return;
    if (this.choice === 'system') delete root.dataset.theme;
    else root.dataset.theme = this.choice;
  }
}
