/**
 * Looks at a JSON text before anything parses or transforms it: nesting depth, the number of
 * object keys, and keys repeated within one object. JSON.parse keeps the last of two equal
 * keys silently (so what was validated may not be what the client meant), and a few kilobytes
 * of nested brackets overflow the stack of the validators that walk the parsed value.
 *
 * One pass, no allocation beyond the open objects' key sets. Text that is not JSON at all is
 * left for the parser to refuse (null): this only finds the three problems.
 */
export interface JsonLimits {
  maxDepth: number;
  maxKeys: number;
}

export type JsonShapeProblem = 'depth' | 'keys' | 'duplicateKey';

interface Frame {
  keys: Set<string> | null; // null for an array
  expectKey: boolean;
}

export function inspectJson(text: string, { maxDepth, maxKeys }: JsonLimits): JsonShapeProblem | null {
  const frames: Frame[] = [];
  let keys = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (frames.length >= maxDepth) return 'depth';
      frames.push({ keys: c === 0x7b ? new Set() : null, expectKey: c === 0x7b });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      frames.pop();
    } else if (c === 0x2c /* , */) {
      const top = frames[frames.length - 1];
      if (top?.keys) top.expectKey = true;
    } else if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      if (end < 0) return null; // unterminated: the parser's to refuse
      const top = frames[frames.length - 1];
      if (top?.keys && top.expectKey) {
        let key: string;
        try {
          // Decoded, so "a" and "\u0061" are the same key.
          key = JSON.parse(text.slice(i, end + 1)) as string;
        } catch {
          return null;
        }
        if (top.keys.has(key)) return 'duplicateKey';
        top.keys.add(key);
        top.expectKey = false;
        if (++keys > maxKeys) return 'keys';
      }
      i = end;
    }
  }
  return null;
}

/** Index of the quote that closes the string opening at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22) return i;
  }
  return -1;
}
