// Runs a callback once the page has shown its first content, so heavy work (loading Monaco)
// never delays the first paint.

/** Calls `callback` once, after the first contentful paint; returns a function cancelling it. */
export function afterFirstPaint(callback: () => void, fallbackMs = 1500): () => void {
  let done = false;
  let observer: PerformanceObserver | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const fire = (): void => {
    if (done) return;
    done = true;
    observer?.disconnect();
    clearTimeout(timer);
    // Leave the paint's own task before starting the work.
    setTimeout(callback, 0);
  };

  if (performance.getEntriesByName('first-contentful-paint').length > 0) {
    fire();
  } else {
    try {
      observer = new PerformanceObserver((list) => {
        if (list.getEntriesByName('first-contentful-paint').length > 0) fire();
      });
      observer.observe({ type: 'paint', buffered: true });
    } catch {
      // No paint timing: the fallback timer below still fires.
    }
    // In case the browser reports no paint (a background tab, no paint timing).
    timer = setTimeout(fire, fallbackMs);
  }

  return () => {
    done = true;
    observer?.disconnect();
    clearTimeout(timer);
  };
}
