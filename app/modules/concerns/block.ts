/**
 * The public location of a concern. It is one of three things, and nothing else:
 *   - the hundred block of a parsed house-number street address ("4400 block of Troost Ave"),
 *   - the intersection of two recognised street names ("E 35th St & Troost Ave"),
 *   - the ZIP alone.
 * A street is recognised when it parses as [directional] name words + a street type from the
 * vocabulary below (Ave, St, Blvd, Pkwy, …) [directional], a numbered street ("E 35th St",
 * "35th"), or a numbered highway ("US 71", "I-70"); where the office has loaded its street
 * list, only the streets on it. The published text is rebuilt from the parsed parts (never
 * copied from what was typed), so a name, a house number in an intersection, an apartment, a
 * phone number or a description can never reach it. Staff still see the original address.
 *
 * Stored structured (concerns.public_location) so that each language renders it at display time:
 * "1200 block of E 35th St" / "cuadra 1200 de E 35th St".
 */
export type PublicLocation = { kind: "block"; number: number; street: string } | { kind: "intersection"; streets: [string, string] } | { kind: "zip" };

export type ParsedLocation = {
  location: PublicLocation;
  /** Lowercased key for "same block" matching; null for ZIP only. */
  key: string | null;
};

export type LocationOptions = {
  /** The office's street list (keys from streetListKey); when non-empty, only these streets are recognised. */
  streets?: ReadonlySet<string> | null;
};

/** Street types (USPS suffix abbreviations): typed forms → the published form. */
const TYPES: Record<string, string> = {};
for (const [canonical, ...forms] of [
  ["Ave", "av", "avenue", "aven", "avn"],
  ["St", "street", "str"],
  ["Blvd", "boulevard", "boul", "blv"],
  ["Pkwy", "parkway", "pky", "pkway", "parkwy"],
  ["Rd", "road"],
  ["Ter", "terrace", "terr"],
  ["Dr", "drive", "drv"],
  ["Ln", "lane"],
  ["Ct", "court", "crt"],
  ["Pl", "place"],
  ["Way", "wy"],
  ["Hwy", "highway", "hiway"],
  ["Trfy", "trafficway"],
  ["Cir", "circle", "circ"],
  ["Expy", "expressway", "expw"],
  ["Fwy", "freeway"],
  ["Pike", "pk"],
  ["Trl", "trail"],
  ["Sq", "square"],
  ["Plz", "plaza"],
  ["Aly", "alley"],
  ["Row"],
  ["Run"],
  ["Loop"],
  ["Walk"],
  ["Xing", "crossing"],
  ["Cres", "crescent"],
  ["Bnd", "bend"],
  ["Cv", "cove"],
  ["Pass"],
  ["Path"],
  ["Trce", "trace"],
] as const) {
  TYPES[canonical.toLowerCase()] = canonical;
  for (const f of forms) TYPES[f] = canonical;
}

const DIRECTIONS: Record<string, string> = {
  n: "N",
  s: "S",
  e: "E",
  w: "W",
  ne: "NE",
  nw: "NW",
  se: "SE",
  sw: "SW",
  north: "N",
  south: "S",
  east: "E",
  west: "W",
  northeast: "NE",
  northwest: "NW",
  southeast: "SE",
  southwest: "SW",
};

/** Words that are never part of a street name: they describe a place or a person. */
const NOT_STREET = new Set(
  (
    "house home apt apartment apartments unit suite building bldg floor room trailer my mine his her hers their our your neighbor neighbors " +
    "neighbour neighbours friend friends mom dad mother father brother sister aunt uncle cousin son daughter wife husband boyfriend girlfriend " +
    "behind near next across rear intersection between beside by at and or from to in on of off with the a an this that there here " +
    "where who whose lives live living residence garage driveway porch yard"
  ).split(" "),
);

const HIGHWAY = /^(us|i|hwy|highway|route|rte|mo|ks|k|m|sr)-?(\d{1,3}[a-z]?)$/i;
const HIGHWAY_PREFIX = /^(us|i|hwy|highway|route|rte|mo|ks|sr|interstate|state)$/i;
const ORDINAL = /^(\d{1,3})(st|nd|rd|th)$/i;
const WORD = /^[A-Za-z][A-Za-z'-]{0,24}$/;
const UNIT_WORD = /^(apt|apartment|unit|suite|ste|fl|floor|rm|room|bldg|building|lot|trlr|trailer|spc|space|no)$/i;
const UNIT_VALUE = /^#?[A-Za-z0-9-]{1,6}$/;
const STATES = /^(mo|missouri|ks|kansas)$/i;
const ZIP = /^\d{5}(-\d{4})?$/;
const MAX_INPUT = 300;

function ordinalOk(n: number, suffix: string) {
  const s = suffix.toLowerCase();
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const want = teen ? "th" : n % 10 === 1 ? "st" : n % 10 === 2 ? "nd" : n % 10 === 3 ? "rd" : "th";
  return n > 0 && s === want;
}

function nameWord(w: string): string | null {
  const ord = ORDINAL.exec(w);
  if (ord) return ordinalOk(Number(ord[1]), ord[2]!) ? `${Number(ord[1])}${ord[2]!.toLowerCase()}` : null;
  if (!WORD.test(w) || /'s$/i.test(w) || /['-]$/.test(w) || /['-]{2}/.test(w)) return null;
  if (NOT_STREET.has(w.toLowerCase())) return null;
  // Casing: "troost" / "TROOST" → "Troost"; "McGee" stays.
  if (w === w.toLowerCase() || w === w.toUpperCase()) return w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();
  return w;
}

/** The key a street is looked up by in the office's list: lowercase, without directionals. */
export function streetListKey(street: string): string {
  const words = street.toLowerCase().split(/\s+/).filter(Boolean);
  while (words.length > 1 && DIRECTIONS[words[0]!]) words.shift();
  while (words.length > 1 && DIRECTIONS[words.at(-1)!]) words.pop();
  return words.join(" ");
}

/**
 * Parses tokens[from..to) as exactly one street, or null. `listMode`: a list is loaded, so a
 * street without a type ("Broadway", "The Paseo") is allowed when it is on the list.
 */
function parseStreet(tokens: string[], streets: ReadonlySet<string> | null): string | null {
  if (!tokens.length || tokens.length > 7) return null;
  const out: string[] = [];
  let i = 0;
  let end = tokens.length;
  let post: string | null = null;
  // A leading directional, unless it is the name itself ("Southwest Trafficway").
  if (tokens.length > 1 && DIRECTIONS[tokens[0]!.toLowerCase()] && !(tokens.length === 2 && TYPES[tokens[1]!.toLowerCase()]))
    out.push(DIRECTIONS[tokens[i++]!.toLowerCase()]!);
  if (end - i > 1 && DIRECTIONS[tokens[end - 1]!.toLowerCase()] && TYPES[tokens[end - 2]!.toLowerCase()]) post = DIRECTIONS[tokens[--end]!.toLowerCase()]!;
  const body = tokens.slice(i, end);
  let street: string | null = null;
  // A numbered highway: "US 71", "I-70", "Hwy 40", "Highway 9".
  const hw = body.length === 1 ? HIGHWAY.exec(body[0]!) : null;
  if (hw) street = highway(hw[1]!, hw[2]!);
  else if (body.length === 2 && HIGHWAY_PREFIX.test(body[0]!) && /^\d{1,3}[a-z]?$/i.test(body[1]!)) street = highway(body[0]!, body[1]!);
  else if (body.length >= 1) {
    const type = TYPES[body.at(-1)!.toLowerCase()];
    const nameTokens = type ? body.slice(0, -1) : body;
    if (!nameTokens.length || nameTokens.length > 4) return null;
    const names: string[] = [];
    for (const [k, w] of nameTokens.entries()) {
      // "St Clair Ave": a leading "St" is Saint; "The Paseo": a leading "The".
      if (k === 0 && nameTokens.length > 1 && /^(st|saint|the|el|la|los|las)$/i.test(w)) {
        names.push(/^st$/i.test(w) ? "St" : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase());
        continue;
      }
      const n = nameWord(w);
      if (!n) return null;
      names.push(n);
    }
    const numbered = names.length === 1 && ORDINAL.test(names[0]!);
    // Without a type, only a numbered street ("E 35th"), or a street the office's list names.
    if (!type && !numbered && !streets?.size) return null;
    street = [...names, ...(type ? [type] : [])].join(" ");
  }
  if (!street) return null;
  const full = [...out, street, ...(post ? [post] : [])].join(" ");
  if (streets?.size && !streets.has(streetListKey(full))) return null;
  return full;
}

function highway(prefix: string, number: string) {
  const p = prefix.toLowerCase();
  const n = number.toUpperCase();
  if (p === "us") return `US ${n}`;
  if (p === "i" || p === "interstate") return `I-${n}`;
  if (p === "mo" || p === "ks" || p === "k" || p === "m" || p === "sr" || p === "state") return `${p === "k" || p === "ks" ? "K" : "MO"}-${n}`;
  return `Hwy ${n}`;
}

/** After the street of an address: an apartment, then "City MO 64109" or a ZIP; nothing else. */
function validTail(tokens: string[]): boolean {
  let i = 0;
  if (i < tokens.length && (UNIT_WORD.test(tokens[i]!) || tokens[i] === "#")) {
    i++;
    if (i >= tokens.length || !UNIT_VALUE.test(tokens[i]!)) return false;
    i++;
  } else if (i < tokens.length && /^#[A-Za-z0-9-]{1,6}$/.test(tokens[i]!)) i++;
  if (i === tokens.length) return true;
  const rest = tokens.slice(i);
  if (rest.length === 1 && ZIP.test(rest[0]!)) return true;
  // "Kansas City MO 64109" / "Kansas City Missouri"
  let stateAt = -1;
  rest.forEach((w, k) => {
    if (STATES.test(w)) stateAt = k;
  });
  if (stateAt < 1 || stateAt > 3) return false;
  if (!rest.slice(0, stateAt).every((w) => /^[A-Za-z]{2,20}$/.test(w))) return false;
  const after = rest.slice(stateAt + 1);
  return after.length === 0 || (after.length === 1 && ZIP.test(after[0]!));
}

function tokensOf(segment: string): string[] {
  return segment
    .replace(/\s+/g, " ")
    .trim()
    .split(" ")
    .map((w) => w.replace(/[.,]+$/, "").replace(/^\.+/, ""))
    .filter(Boolean);
}

/** The connector between two streets of an intersection. */
const CONNECTOR = /\s*(?:&|@|\/|\band\b|\bat\b|\by\b)\s*/i;

const ZIP_ONLY: ParsedLocation = { location: { kind: "zip" }, key: null };

/** What may be published of a typed location (see the top of this file). */
export function parsePublicLocation(input: string, options: LocationOptions = {}): ParsedLocation {
  const streets = options.streets?.size ? options.streets : null;
  if (typeof input !== "string" || input.length > MAX_INPUT) return ZIP_ONLY;
  const normalized = input.normalize("NFKC");
  // Only the characters an address is written with: look-alike letters, invisible characters,
  // direction overrides, markup and sentences leave a location unpublished.
  if (/[^A-Za-z0-9 .,'#&/@()\-\n\r\t]/.test(normalized)) return ZIP_ONLY;
  const firstLine = normalized.split(/\r?\n/)[0]!;
  // Only the part before the first comma is read (", Kansas City, MO 64109" and anything else
  // after it is never published); what is in parentheses is dropped.
  const segment = firstLine
    .split(",")[0]!
    .replace(/\([^)]*\)/g, " ")
    .replace(/^\s*(?:the\s+)?(?:corner|intersection)\s+of\s+/i, "")
    .trim();
  if (!segment || /[()]/.test(segment)) return ZIP_ONLY;

  if (/^\d/.test(segment)) return parseAddress(segment, streets);

  const parts = segment.split(CONNECTOR);
  if (parts.length !== 2) return ZIP_ONLY;
  const a = parseStreet(tokensOf(parts[0]!), streets);
  const b = parseStreet(tokensOf(parts[1]!), streets);
  if (!a || !b || a.toLowerCase() === b.toLowerCase()) return ZIP_ONLY;
  const [x, y] = [a, b].sort((p, q) => p.toLowerCase().localeCompare(q.toLowerCase())) as [string, string];
  return { location: { kind: "intersection", streets: [x, y] }, key: `x:${x.toLowerCase()}&${y.toLowerCase()}` };
}

function parseAddress(segment: string, streets: ReadonlySet<string> | null): ParsedLocation {
  const tokens = tokensOf(segment);
  const house = /^(\d{1,5})(?:[A-Za-z]|-[A-Za-z0-9]{1,3})?$/.exec(tokens[0]!);
  if (!house) return ZIP_ONLY;
  let start = 1;
  if (tokens[1] === "1/2") start = 2;
  // The longest street that leaves a valid tail (an apartment, a city/state/ZIP, or nothing).
  for (let end = Math.min(tokens.length, start + 7); end > start; end--) {
    const street = parseStreet(tokens.slice(start, end), streets);
    if (street && validTail(tokens.slice(end))) {
      const number = Math.floor(Number(house[1]) / 100) * 100;
      return { location: { kind: "block", number, street }, key: `b:${number}:${street.toLowerCase()}` };
    }
  }
  return ZIP_ONLY;
}

/** The location in English, as stored in concerns.public_block and sent by Open311; null for ZIP only. */
export function englishLocation(location: PublicLocation | null | undefined): string | null {
  if (!location || location.kind === "zip") return null;
  if (location.kind === "block") return `${location.number} block of ${location.street}`;
  return `${location.streets[0]} & ${location.streets[1]}`;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The location in the reader's language ("cuadra 1200 de E 35th St"); null for ZIP only. */
export function publicLocationLabel(location: PublicLocation | null | undefined, t: Translate): string | null {
  if (!location || location.kind === "zip") return null;
  if (location.kind === "block") return t("concerns:location.block", { number: location.number, street: location.street });
  return t("concerns:location.intersection", { a: location.streets[0], b: location.streets[1] });
}

/**
 * The whole public place in the reader's language: "cuadra 1200 de E 35th St, 64127", or the ZIP
 * alone when that is all the public may see ("código postal 64127" / "ZIP code 64127").
 */
export function publicPlaceLabel(location: PublicLocation | null | undefined, zip: string, t: Translate): string {
  const label = publicLocationLabel(location, t);
  return label ? `${label}, ${zip}` : t("concerns:location.zip", { zip });
}

/** Back-compatible helper: the English public block and its key, or null when only the ZIP may be shown. */
export function hundredBlock(address: string, options: LocationOptions = {}): { block: string; key: string } | null {
  const parsed = parsePublicLocation(address, options);
  const block = englishLocation(parsed.location);
  return block && parsed.key ? { block, key: parsed.key } : null;
}

/**
 * The block key for a staff lookup: accepts "1200 block of E 35th St", "1234 E 35th St" or
 * an intersection.
 */
export function blockKeyFor(input: string): string | null {
  const m = /^(\d+)\s+block\s+of\s+(.+)$/i.exec(input.trim());
  if (m) return parsePublicLocation(`${m[1]} ${m[2]}`).key;
  return parsePublicLocation(input).key;
}
