import type { Stats } from 'node:fs';

/**
 * What a path is when it is not a regular file, in words for a message ("a folder", "a
 * character device"), or undefined for a regular file. A device or a pipe has no end to read
 * to (/dev/zero never ends, a FIFO blocks until a writer comes), so readers refuse them first.
 */
export function notRegularFile(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** How many leading bytes `textProblem` looks at. */
const SNIFF_BYTES = 4096;

/**
 * Why the start of a file is not UTF-8 text, or undefined when it may be: a UTF-16 byte-order
 * mark, UTF-16 text without one (every other byte NUL), or a NUL byte (a binary file). A UTF-8
 * byte-order mark is fine: readers skip it.
 */
export function textProblem(bytes: Uint8Array): string | undefined {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  if (n >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'is UTF-16 LE text (by its byte-order mark); expected UTF-8: save it as UTF-8';
  if (n >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'is UTF-16 BE text (by its byte-order mark); expected UTF-8: save it as UTF-8';
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) evenNuls++;
      else oddNuls++;
    }
  }
  if (evenNuls + oddNuls === 0) return undefined;
  // ASCII in UTF-16 puts a NUL in every other byte: LE after each character, BE before it.
  const pairs = Math.floor(n / 2);
  if (pairs >= 2 && oddNuls > pairs / 2 && evenNuls * 10 < oddNuls) return 'is UTF-16 LE text (every other byte NUL); expected UTF-8: save it as UTF-8';
  if (pairs >= 2 && evenNuls > pairs / 2 && oddNuls * 10 < evenNuls) return 'is UTF-16 BE text (every other byte NUL); expected UTF-8: save it as UTF-8';
  return `holds NUL bytes (the first at byte ${bytes.indexOf(0) + 1}): a binary file, not text`;
}
