// localStorage that never throws: in a third-party iframe with storage blocked (or a private
// window) merely reading `localStorage` raises SecurityError. Then values live in memory for the
// page's lifetime. Only query texts, tab titles, database names and preferences go here: never a
// result, a secret or a password hash.

const memory = new Map<string, string>();

function store(): Storage | null {
  try {
    const s = globalThis.localStorage;
    return s ?? null;
  } catch {
    return null;
  }
}

export const PREFIX = 'fql-playground:';

export function readText(key: string): string | null {
  try {
    const s = store();
    if (s) return s.getItem(PREFIX + key);
  } catch {
    /* fall through to memory */
  }
  return memory.get(key) ?? null;
}

export function writeText(key: string, value: string): void {
  memory.set(key, value);
  try {
    store()?.setItem(PREFIX + key, value);
  } catch {
    /* quota or blocked: the memory copy stands */
  }
}

export function remove(key: string): void {
  memory.delete(key);
  try {
    store()?.removeItem(PREFIX + key);
  } catch {
    /* ignore */
  }
}

/** Parses a stored JSON value and checks it with `accept`; anything else gives `fallback`. */
export function readJson<T>(key: string, accept: (value: unknown) => T | null, fallback: T): T {
  const text = readText(key);
  if (text === null) return fallback;
  try {
    return accept(JSON.parse(text)) ?? fallback;
  } catch {
    return fallback;
  }
}

export function writeJson(key: string, value: unknown): void {
  writeText(key, JSON.stringify(value));
}

/** Whether values survive a reload (false in a storage-blocked iframe). */
export function persistent(): boolean {
  try {
    const s = store();
    if (!s) return false;
    const probe = `${PREFIX}probe`;
    s.setItem(probe, '1');
    s.removeItem(probe);
    return true;
  } catch {
    return false;
  }
}
