// The editor's first-load queries must run: they are the first thing a visitor tries.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openEngine } from '../../src/engine';
import { START } from '../../src/ui/start-queries';

describe('first-load queries', () => {
  it.each(['fql10', 'fql4'] as const)('%s runs without an error on an empty database', async (lang) => {
    const engine = await openEngine({ indexedDB, name: `start-${lang}-${Date.now()}` });
    try {
      const result = await engine.run({ lang, source: START[lang] });
      expect(result.ok ? '' : `${result.error.code}\n${result.error.summary}`).toBe('');
      expect(result.ok && result.text).toMatch(/message: ["']Hello, FQL v(10|4)!["']/);
    } finally {
      engine.close();
    }
  });
});
