/** "ABCDEFGHJKMN" → "ABCD-EFGH-JKMN", easier to read aloud and copy. */
export function formatTrackingCode(code: string) {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}

/** A kind's name in the reader's language. */
export function kindName(kind: { nameEn: string; nameEs: string }, locale: string) {
  return locale === "es" ? kind.nameEs : kind.nameEn;
}
