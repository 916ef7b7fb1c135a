// What the Share dialog hands out: the link, the same as Markdown, or (past 8 KB) a file.
import type { Lang } from '../engine/api';
import { CURRENT_VERSION, encodeSnippet, snippetFromObject } from './codec';
import type { Decoded, Snippet } from './codec';

/** Past this many characters a link is likely to be cut by chat apps, mail and some browsers. */
export const LINK_WARN_CHARS = 8 * 1024;

export const SNIPPET_FILE_FORMAT = 'fql-playground-snippet';

const LANG_LABEL: Record<Lang, string> = { fql10: 'FQL v10', fql4: 'FQL v4' };

/**
 * The playground's address for a snippet: `base` is the page's URL (query and hash are dropped,
 * so an embed's link opens the full playground).
 */
export function shareUrl(base: string, snippet: Snippet): string {
  const url = new URL(base);
  url.search = '';
  url.hash = '';
  return `${url.href}#${encodeSnippet(snippet)}`;
}

/** A Markdown block: the query in a fenced code block, then a link to run it. */
export function shareMarkdown(url: string, snippet: Snippet): string {
  const longestRun = Math.max(2, ...[...snippet.query.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const label = snippet.title ? `Run “${escapeMarkdown(snippet.title)}” in the FQL Playground` : `Run in the FQL Playground (${LANG_LABEL[snippet.lang]})`;
  const body = snippet.query.endsWith('\n') ? snippet.query : `${snippet.query}\n`;
  return `${fence}fql\n${body}${fence}\n\n[${label}](${url.replace(/\)/g, '%29')})\n`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\[\]*_`<>]/g, (c) => `\\${c}`);
}

/** Size of a link as the user will paste it, in bytes (the hash is ASCII). */
export function linkBytes(url: string): number {
  return new TextEncoder().encode(url).length;
}

export function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`;
}

/** The file offered instead of a link that is too long. */
export function snippetFile(snippet: Snippet): string {
  return `${JSON.stringify({ format: SNIPPET_FILE_FORMAT, version: CURRENT_VERSION, snippet }, null, 2)}\n`;
}

/** Reads a snippet file (untrusted): validated like a link; never throws. */
export function readSnippetFile(text: string): Decoded {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the file is not JSON' };
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== SNIPPET_FILE_FORMAT) {
    return { ok: false, reason: 'the file is not an FQL Playground snippet' };
  }
  const version = (raw as { version?: unknown }).version;
  if (version !== 1) return { ok: false, reason: `unsupported snippet file version ${String(version)}` };
  return snippetFromObject((raw as { snippet?: unknown }).snippet);
}

/** A file name from a title: letters, digits and dashes only. */
export function fileStem(title: string | undefined, fallback: string): string {
  const stem = (title ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return stem || fallback;
}
