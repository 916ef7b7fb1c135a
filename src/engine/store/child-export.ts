// Export and import with child databases: a child's store travels inside its parent's file under
// `children`, keyed by the child's global id (the id its Database document carries). Import
// checks the parent and every child before writing any store, so a bad file changes nothing;
// the writes then go store by store (IndexedDB has no transaction across databases).
import { keyField } from '../auth/principal';
import { checkImport, exportDatabase, writeImport, type ExportFile } from './export';
import type { PlaygroundDB } from './open';
import type { DocRecord } from './records';

export type OpenChild = (globalId: string) => Promise<PlaygroundDB>;

const childIds = (docs: unknown[]): string[] =>
  docs.flatMap((d) => {
    const rec = d as DocRecord;
    const id = rec.coll === 'Database' ? keyField(rec, 'global_id') : undefined;
    return id !== undefined && /^\d{1,19}$/.test(id) ? [id] : [];
  });

export async function exportWithChildren(db: PlaygroundDB, openChild: OpenChild): Promise<ExportFile> {
  const file = await exportDatabase(db);
  const children: Record<string, ExportFile> = {};
  for (const id of childIds(file.docs)) children[id] = await exportDatabase(await openChild(id));
  return Object.keys(children).length > 0 ? { ...file, children } : file;
}

export async function importWithChildren(db: PlaygroundDB, file: unknown, openChild: OpenChild): Promise<void> {
  const root = checkImport(file);
  const given = (file as { children?: unknown }).children;
  const known = new Set(childIds(root.docs));
  const children = new Map<string, ReturnType<typeof checkImport>>();
  if (given !== undefined) {
    if (!given || typeof given !== 'object' || Array.isArray(given)) throw new Error('Invalid export file: children is malformed');
    for (const [id, child] of Object.entries(given)) {
      if (!known.has(id)) throw new Error(`Invalid export file: children.${id} has no database`);
      children.set(id, checkImport(child));
    }
  }
  await writeImport(db, root);
  for (const [id, child] of children) await writeImport(await openChild(id), child);
}
