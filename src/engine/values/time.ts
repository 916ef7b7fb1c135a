// Time values: Fauna prints instants as Java's Instant does, in UTC, with no fraction for a
// whole second, milliseconds when they suffice, else microseconds.
import { Time } from './value';

export function formatTime(t: Time): string {
  const ms = Math.floor(t.micros / 1000);
  const iso = new Date(ms).toISOString(); // 2023-08-14T23:54:00.750Z
  const micros = t.micros - ms * 1000;
  if (micros !== 0) return `${iso.slice(0, -1)}${String(micros).padStart(3, '0')}Z`;
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Parses an ISO-8601 date-time with an offset; undefined when it is not one. */
export function parseTime(text: string): Time | undefined {
  const m = ISO_TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '0', frac = '', zone] = m;
  const base = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s);
  if (Number.isNaN(base)) return undefined;
  const check = new Date(base);
  if (check.getUTCMonth() !== +mo! - 1 || check.getUTCDate() !== +d!) return undefined;
  let offsetMs = 0;
  if (zone !== 'Z') {
    const sign = zone!.startsWith('-') ? -1 : 1;
    const digits = zone!.slice(1).replace(':', '');
    offsetMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  const micros = Number((frac + '000000').slice(0, 6));
  return new Time((base - offsetMs) * 1000 + micros);
}
