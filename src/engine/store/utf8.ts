// UTF-8 byte lengths counted without encoding: the cost model sizes every document it reads,
// and TextEncoder.encode allocates a buffer per string, which dominated that sizing.
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: two UTF-16 units, four UTF-8 bytes.
      n += 2;
      i++;
    } else n += 2; // lone surrogates encode as U+FFFD, three bytes
  }
  return n;
}
