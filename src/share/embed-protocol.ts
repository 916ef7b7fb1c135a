// Messages between public/embed.js (on a docs page) and an embedded playground (`?embed=parent`).
// The playground announces it is ready; the page answers with the snippet, as plain data that
// the playground validates like a link (share/codec.ts: snippetFromObject). Only messages from the
// frame's own parent window are read.
export const EMBED_READY = 'fql-playground:ready';
export const EMBED_SNIPPET = 'fql-playground:snippet';

export interface EmbedSnippetMessage {
  type: typeof EMBED_SNIPPET;
  snippet: { lang?: 'fql10' | 'fql4'; query: string; setup?: string[]; title?: string };
}
