// A token's ttl as a countdown: "expires in 59:58", "in 3 d 4 h", "in 73 years".

export function countdown(ttlIso: string, nowMs: number): string {
  const end = Date.parse(ttlIso);
  if (!Number.isFinite(end)) return `ttl ${ttlIso}`;
  const s = Math.floor((end - nowMs) / 1000);
  if (s <= 0) return 'expired';
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 3600) return `expires in ${pad(Math.floor(s / 60))}:${pad(s % 60)}`;
  if (s < 86_400) return `expires in ${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  const days = Math.floor(s / 86_400);
  if (days < 365) return `expires in ${days} d ${Math.floor((s % 86_400) / 3600)} h`;
  const years = Math.floor(days / 365.25);
  return `expires in ${years} ${years === 1 ? 'year' : 'years'}`;
}
