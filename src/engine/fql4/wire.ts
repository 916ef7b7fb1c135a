// The v4 request body: the wire tree serialised as compact JSON, byte for byte what faunadb-js
// 4.x POSTs (it calls JSON.stringify on the expression). Its UTF-8 length is v4's `bytesIn`.
import type { V4Node } from './ast';

export function wireJson(node: V4Node): string {
  switch (node.kind) {
    case 'scalar':
      // JSON.stringify's own number and string forms are the driver's.
      return JSON.stringify(node.value);
    case 'array':
      return `[${node.items.map(wireJson).join(',')}]`;
    case 'object':
      return `{${node.entries.map(([k, v]) => `${JSON.stringify(k)}:${wireJson(v)}`).join(',')}}`;
  }
}

const utf8 = new TextEncoder();

export function utf8Length(text: string): number {
  return utf8.encode(text).length;
}
