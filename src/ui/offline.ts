// The service worker (built by vite-plugin-pwa into dist/sw.js) precaches the app, Monaco and the
// workers, so after one visit the playground loads and runs offline. Registered relative to the
// page, so it works from any base path.
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = (): void => {
    navigator.serviceWorker.register('./sw.js').catch(() => {
      /* no service worker (a private window, a sandboxed frame): the app still works online */
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
