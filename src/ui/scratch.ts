// Scratch databases (opened by shared links and embeds) are throw-away: deleted when the page
// goes away, and any left behind (a crash, a killed tab) are swept a day later.
import { SCRATCH_PREFIX } from './databases.svelte';

const DAY_MS = 24 * 60 * 60 * 1000;

function factory(): IDBFactory | null {
  try {
    return globalThis.indexedDB ?? null;
  } catch {
    return null;
  }
}

/** Deletes a scratch database (queued by the browser until its connections close). */
export function deleteScratch(idb: string): void {
  if (!idb.startsWith(SCRATCH_PREFIX)) return;
  try {
    factory()?.deleteDatabase(idb);
  } catch {
    /* storage blocked: the database was in memory anyway */
  }
}

/** Deletes scratch databases older than a day, except those the user kept (`keep`). */
export async function sweepScratch(keep: ReadonlySet<string>, now = Date.now()): Promise<void> {
  const f = factory();
  if (!f || typeof f.databases !== 'function') return;
  try {
    for (const { name } of await f.databases()) {
      if (!name?.startsWith(SCRATCH_PREFIX) || keep.has(name)) continue;
      const created = Number(/^(\d+)-/.exec(name.slice(SCRATCH_PREFIX.length))?.[1]);
      if (Number.isFinite(created) && now - created > DAY_MS) f.deleteDatabase(name);
    }
  } catch {
    /* storage blocked */
  }
}
