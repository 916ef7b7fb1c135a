// The secret a request carries, read from its `Authorization` header as Fauna's core reads it
// (AuthType in HttpClient.scala):
//
//   Bearer <secret>            what both drivers and fauna-shell send
//   Basic base64(<secret>:)    what faunadb-js before 4.0 sent; the trailing `:` is dropped
//
// Anything else is no authentication. What the secret grants (the host's admin key and its
// scoped forms, keys, tokens) is the engine's business: `Engine.execute({ secret, adminSecret })`.

/** The token of an `Authorization` header, or undefined when the core would see no auth. */
export function tokenOf(header: string | null): string | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  const m = /^(\S+)\s+([\s\S]+)$/.exec(trimmed);
  if (!m) return undefined;
  const [, scheme, rest] = m as unknown as [string, string, string];
  if (scheme === 'Bearer') return rest;
  if (scheme === 'Basic') {
    const decoded = decodeBase64(removeColon(rest));
    return decoded === undefined ? undefined : removeColon(decoded.trim());
  }
  return undefined;
}

const removeColon = (s: string) => (s.endsWith(':') ? s.slice(0, -1) : s);

function decodeBase64(s: string): string | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  try {
    const bin = atob(s);
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return undefined;
  }
}
