// The versions store behind `at`: what a write records, what a read at a time finds, and that
// versions no read can reach any more (before the collection's minimum valid time) are dropped.
import { describe, expect, it } from 'vitest';
import { freshName } from '../helpers';
import { openStore } from '../../../src/engine/store/open';
import { minValidTime, recordVersion, scanAt, versionAt } from '../../../src/engine/store/history';
import type { DocRecord } from '../../../src/engine/store/records';

const doc = (ts: number, n: number): DocRecord => ({ coll: 'C', id: '1', ts, data: { o: [['n', n]] } });

async function write(db: Awaited<ReturnType<typeof openStore>>, rec: DocRecord | null, ts: number, mvt?: number) {
  const tx = db.transaction(['docs', 'versions'], 'readwrite');
  await recordVersion(tx.objectStore('versions'), tx.objectStore('docs'), 'C', '1', rec, ts, mvt);
  if (rec) await tx.objectStore('docs').put(rec);
  else await tx.objectStore('docs').delete(['C', '1']);
  await tx.done;
}

describe('document history', () => {
  it('answers reads at any time, a deletion included', async () => {
    const db = await openStore(indexedDB, freshName());
    await write(db, doc(10, 1), 10);
    await write(db, doc(20, 2), 20);
    await write(db, null, 30);
    expect(await versionAt(db, 'C', '1', 5)).toBeNull();
    expect((await versionAt(db, 'C', '1', 15))?.ts).toBe(10);
    expect((await versionAt(db, 'C', '1', 25))?.ts).toBe(20);
    expect(await versionAt(db, 'C', '1', 35)).toBeNull();
    expect((await scanAt(db, 'C', 25)).map((r) => r.ts)).toEqual([20]);
    db.close();
  });

  it('a document from before the history store stands for its own past', async () => {
    const db = await openStore(indexedDB, freshName());
    await db.put('docs', doc(10, 1));
    expect((await versionAt(db, 'C', '1', 15))?.ts).toBe(10);
    await write(db, doc(20, 2), 20);
    expect((await versionAt(db, 'C', '1', 15))?.ts).toBe(10);
    db.close();
  });

  it('drops versions older than the last one at or before the minimum valid time', async () => {
    const db = await openStore(indexedDB, freshName());
    await write(db, doc(10, 1), 10);
    await write(db, doc(20, 2), 20);
    await write(db, doc(30, 3), 30, 25);
    expect((await db.getAllKeys('versions')).map((k) => k[2])).toEqual([20, 30]);
    expect((await versionAt(db, 'C', '1', 25))?.ts).toBe(20);
    db.close();
  });

  it('keeps history_days of history plus 15 minutes', () => {
    const day = 86_400_000_000;
    expect(minValidTime(100 * day, 0)).toBe(100 * day - 15 * 60_000_000);
    expect(minValidTime(100 * day, 30)).toBe(70 * day - 15 * 60_000_000);
  });
});
