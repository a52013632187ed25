/**
 * The public location of a concern: the hundred block ("1200 block of E 35th St") or an
 * intersection, never the house number. Anything that does not look like a street address
 * is withheld (null) rather than guessed at: a free-text location may name a person.
 */
const UNIT = /\b(apt|apartment|unit|suite|ste|fl|floor|rm|room|bldg|building|lot|trlr)\b\.?\s*[\w-]*|#\s*[\w-]+/gi;
const STREET_WORD = /^[A-Za-z0-9.'-]+$/;

function cleanStreet(raw: string): string | null {
  const words = raw
    .replace(/\([^)]*\)/g, " ")
    .replace(UNIT, " ")
    .replace(/[,;].*$/, "")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (!words.length || words.length > 6) return null;
  if (!words.every((w) => STREET_WORD.test(w))) return null;
  // A street name has at least one letter; "35th" is fine, "1234" alone is not.
  if (!words.some((w) => /[A-Za-z]/.test(w))) return null;
  return words.join(" ");
}

export type PublicBlock = { block: string; key: string };

export function hundredBlock(address: string): PublicBlock | null {
  const firstLine = address.split(/\n/)[0]!.split(",")[0]!.trim();
  if (!firstLine) return null;
  const intersection = firstLine.split(/\s*(?:&|\/|@|\band\b|\bat\b|\by\b)\s*/i);
  if (intersection.length === 2 && !/^\d/.test(intersection[0]!.trim())) {
    const a = cleanStreet(intersection[0]!);
    const b = cleanStreet(intersection[1]!);
    if (a && b) {
      const [x, y] = [a, b].sort((p, q) => p.toLowerCase().localeCompare(q.toLowerCase()));
      return { block: `${x} & ${y}`, key: `x:${x!.toLowerCase()}&${y!.toLowerCase()}` };
    }
    return null;
  }
  const match = /^(\d{1,6})(?:-?[A-Za-z]\b|-\d+)?\s+(.+)$/.exec(firstLine);
  if (!match) return null;
  const street = cleanStreet(match[2]!);
  if (!street) return null;
  const hundred = Math.floor(Number(match[1]) / 100) * 100;
  return { block: `${hundred} block of ${street}`, key: `b:${hundred}:${street.toLowerCase().replace(/\./g, "")}` };
}

/**
 * The block key for a staff lookup: accepts "1200 block of E 35th St", "1234 E 35th St" or
 * an intersection.
 */
export function blockKeyFor(input: string): string | null {
  const m = /^(\d+)\s+block\s+of\s+(.+)$/i.exec(input.trim());
  if (m) return hundredBlock(`${m[1]} ${m[2]}`)?.key ?? null;
  return hundredBlock(input)?.key ?? null;
}
