import { mount } from 'svelte';
import { decodeSnippet } from '../share/codec';
import { readSnippetFile } from '../share/links';
import App from './App.svelte';
import EmbedApp from './EmbedApp.svelte';
import { createEngineClient } from './engine-client';
import { readPickedFile } from './files';
import { registerServiceWorker } from './offline';
import { createPageApi, type PlaygroundPageApi } from './page-api';
import { deleteScratch, sweepScratch } from './scratch';
import { Session } from './session.svelte';
import { Theme } from './theme.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

const params = new URLSearchParams(location.search);
// `?embed` (a link in an iframe) or `?embed=parent` (embed.js sends the snippet by postMessage).
const embed = params.has('embed');

const client = createEngineClient();
const session = new Session(client, { persist: !embed });
// Drivers in the page reach the selected database through the protocol (see page-api.ts).
(window as unknown as { fqlPlayground: PlaygroundPageApi }).fqlPlayground = createPageApi(client.fetch, () => session.databases.current.idb);
const theme = new Theme(!embed);
if (embed) {
  const wanted = params.get('theme');
  if (wanted === 'light' || wanted === 'dark') theme.set(wanted);
  document.documentElement.classList.add('embedded');
}

/** Opens the snippet in the hash, if any, then takes the hash off the address. */
function openHash(): void {
  const hash = location.hash;
  if (!hash || hash === '#') return;
  const decoded = decodeSnippet(hash);
  if (decoded.ok) session.openShared(decoded.snippet, embed ? 'Embedded' : undefined);
  else session.linkError(decoded.reason);
  // Reloading should not open the link again (into yet another scratch database).
  if (!embed) history.replaceState(null, '', `${location.pathname}${location.search}`);
}

async function openFile(file: File): Promise<void> {
  try {
    const decoded = readSnippetFile(await readPickedFile(file));
    if (decoded.ok) session.openShared(decoded.snippet, 'Scratch (snippet file)');
    else session.linkError(`${file.name}: ${decoded.reason}`);
  } catch (err) {
    session.linkError(err instanceof Error ? err.message : String(err));
  }
}

if (embed) {
  // An embed never touches the reader's own databases, whatever its link holds.
  session.databases.openScratch('Embedded');
  openHash();
  mount(EmbedApp, { target, props: { session, theme, fromParent: params.get('embed') === 'parent' } });
} else {
  openHash();
  window.addEventListener('hashchange', openHash);
  mount(App, { target, props: { session, theme, onopenfile: (file: File) => void openFile(file) } });
  void sweepScratch(new Set(session.databases.list.filter((d) => !d.scratch).map((d) => d.idb)));
}

// Scratch databases go with the page (unless it is only put in the back/forward cache).
window.addEventListener('pagehide', (event) => {
  if (event.persisted) return;
  for (const db of session.databases.list) if (db.scratch) deleteScratch(db.idb);
});

registerServiceWorker();
