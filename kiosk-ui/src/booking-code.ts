/**
 * The booking code as citizens see it (mirrors libs/core booking-code.ts, which the browser
 * cannot import): 8 characters without 0/O, 1/I and L, read in two groups of four.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;

/** Upper case, only characters of the alphabet, at most 8 of them. */
export function normaliseCode(input: string): string {
  let out = '';
  for (const c of input.toUpperCase()) {
    if (CODE_ALPHABET.includes(c)) out += c;
    if (out.length === CODE_LENGTH) break;
  }
  return out;
}

/** Whether the text holds characters people confuse with the alphabet's (0 O 1 I L). */
export function hasLookalikes(input: string): boolean {
  return /[0O1IL]/i.test(input);
}

export function isCompleteCode(code: string): boolean {
  return code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c));
}

/** `K7M2QX9P` → `K7M2 QX9P`, for reading aloud and typing. */
export function groupCode(code: string): string {
  return code.length > 4 ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}
