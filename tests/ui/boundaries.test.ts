// Static checks on the UI and worker sources: results are always text, and the UI reaches the
// engine only through the worker.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(path));
    else if (/\.(ts|svelte)$/.test(entry.name)) out.push(path);
  }
  return out;
}

const uiFiles = sources('src/ui');
const workerFiles = sources('src/worker');
const shareFiles = sources('src/share');

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/\bimport\s*(?:type\s+)?(?:[^'"]*?\bfrom\s*)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => (m[1] ?? m[2])!,
  );
}

describe('UI sources', () => {
  it('exist', () => {
    expect(uiFiles.map((f) => relative('src/ui', f))).toEqual(
      expect.arrayContaining(['App.svelte', 'Editor.svelte', 'Result.svelte', 'Metrics.svelte', 'session.svelte.ts']),
    );
  });

  it('never render markup from strings or evaluate code', () => {
    // Shared links and embeds carry untrusted text: it is only ever shown as text.
    for (const file of [...uiFiles, ...workerFiles, ...shareFiles, 'public/embed.js', 'index.html']) {
      const text = readFileSync(join(root, file), 'utf8');
      expect(text, file).not.toMatch(/\{@html\b/);
      expect(text, file).not.toMatch(/\b(innerHTML|outerHTML|insertAdjacentHTML)\b/);
      expect(text, file).not.toMatch(/\beval\s*\(|\bnew\s+Function\s*\(/);
    }
  });

  it('the page has no inline script (its Content-Security-Policy forbids it)', () => {
    const html = readFileSync(join(root, 'index.html'), 'utf8');
    expect(html).toMatch(/http-equiv="Content-Security-Policy"/);
    expect(html).toMatch(/script-src 'self'[;"]/);
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(m[1], 'script tags load files').toMatch(/\bsrc=/);
      expect(m[2]!.trim()).toBe('');
    }
  });

  it('import from src/engine only the types of api.ts', () => {
    for (const file of [...uiFiles, ...shareFiles]) {
      for (const spec of importsOf(file)) {
        if (!spec.includes('engine/') && !spec.endsWith('/engine')) continue;
        expect(spec, file).toBe('../engine/api');
        const text = readFileSync(join(root, file), 'utf8');
        expect(text, file).toMatch(new RegExp(`import type [^;]*from '${spec.replace(/[./]/g, '\\$&')}'`));
      }
    }
  });

  it('keep Monaco out of the initial module graph (only a dynamic import loads it)', () => {
    for (const file of uiFiles) {
      const text = readFileSync(join(root, file), 'utf8');
      if (file.endsWith('monaco.ts') || file.endsWith('fql-languages.ts')) continue;
      expect(text, file).not.toMatch(/^\s*import\s+(?!type\b)[^;]*['"](monaco-editor[^'"]*|\.\/monaco|\.\/fql-languages)['"]/m);
    }
    const editor = readFileSync(join(root, 'src/ui/Editor.svelte'), 'utf8');
    expect(editor).toMatch(/await import\('\.\/monaco'\)/);
  });
});
