// How deeply a request nests arrays and objects, measured without recursion:
// a body of 100,000 `[` must be refused, not overflow the stack of whatever
// walks it next (zod, JSON.stringify, the store).

/** Far deeper than any call the app makes (a saved view's payload, the deepest, nests about 5). */
export const MAX_REQUEST_DEPTH = 64;
export const TOO_DEEP = 'request too deeply nested';

/** Whether JSON text nests deeper than `limit`, read before parsing so a deep body costs no memory. */
export function jsonTextTooDeep(text: string, limit = MAX_REQUEST_DEPTH): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string in one jump per quote (a base64 chunk is one long string).
      for (;;) {
        const end = text.indexOf('"', i + 1);
        if (end < 0) return false; // unterminated: JSON.parse refuses it
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
        i = end;
        if (slashes % 2 === 0) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** The same for a value already parsed (Electron's IPC hands one over, not text). */
export function valueTooDeep(value: unknown, limit = MAX_REQUEST_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
