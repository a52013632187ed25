import crypto from "node:crypto";

// No 0/O, 1/I/L: a code read aloud or copied by hand survives.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const TRACKING_CODE_LENGTH = 12; // 31^12 ≈ 2^59

export function newTrackingCode() {
  let code = "";
  for (let i = 0; i < TRACKING_CODE_LENGTH; i++) code += ALPHABET[crypto.randomInt(ALPHABET.length)];
  return code;
}

/** What a person typed ("abcd-efgh jkmn") → the stored form, or null if it cannot be a code. */
export function normalizeTrackingCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== TRACKING_CODE_LENGTH) return null;
  return [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}
