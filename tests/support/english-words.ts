/**
 * Finds English left on a Spanish page or email. The list holds common English words that are
 * not Spanish words (so "no", "me", "son", "error", "total", "general", "agenda" are not on it),
 * plus the portal's own vocabulary ("concern", "block", "meeting", "brief", "dashboard"…), and a few
 * phrases. Proper names and user content are not checked: pages mark user content with
 * `data-user-content` (or a `lang` other than Spanish, or `translate="no"`), and ALLOWED names
 * below are the proper names the demo shows in Spanish text.
 */
export const ENGLISH_WORDS = new Set(
  (
    "the and of to with for from your you this that these those is are was were be been being has have had will would can could should must " +
    "not or by at on in into it its we our they their there here what when where who which how why all any some more than then about after before " +
    "out up down over under new see view show shows open opens opened closed close received review reviewed report reports reported reporting " +
    "concern concerns block blocks meeting meetings minutes brief briefs analysis analyses dashboard sign page pages next previous back home " +
    "search submit send sent save saved cancel cancelled canceled delete edit change changed choose select fewer month months year years week " +
    "weeks day days today yesterday tomorrow people office staff member members board vote votes voting policy policies response responses " +
    "responded track tracking status help skip content language account password settings notification notifications download table chart " +
    "charts filter filters per rate rates cases filed declined diverted referred charged drug drugs violence community county prosecutor " +
    "citation citations snapshot measure measures disparity limitations yes none only also each every other between without within shown " +
    "hidden number first last read print share link links feed calendar upcoming past time date location street zip withheld reply comment " +
    "comments attend attendance present absent approved draft published publish unpublished consultation consultations request requests " +
    "required optional enter please thank thanks sorry wrong found could unknown pending started finished completed progress planned proposed " +
    "accepted pipeline question questions answer answers check us my while whole"
  ).split(" "),
);

export const ENGLISH_PHRASES = ["sign in", "of the", "block of", "fewer than", "page not found", "cab portal"];

/** Names of programs and places that stay as they are in Spanish. */
export const PROPER_NAMES = ["Partners for Peace"];

/** Proper names the Spanish pages may show (the office's systems, places, agencies). */
export const ALLOWED = new Set(["open311", "cab", "csu", "kcpd", "ppi", "atom", "ics", "csv"]);

/**
 * The English words and phrases in a text: addresses (/briefs/…), identifiers (received_date),
 * tokens with digits (Open311, 35th) and e-mail addresses are not words.
 */
export function englishIn(text: string): string[] {
  const cleaned = PROPER_NAMES.reduce((s, name) => s.replaceAll(name, " "), text)
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/\S+@\S+/g, " ")
    .replace(/(^|\s)\/\S*/g, " ")
    .toLowerCase();
  const tokens = cleaned.split(/[^\p{L}\p{N}_'’-]+/u).filter(Boolean);
  const found: string[] = [];
  for (const raw of tokens) {
    const token = raw.replace(/^['’-]+|['’-]+$/g, "");
    if (!token || /[\d_]/.test(token) || ALLOWED.has(token)) continue;
    const base = token.replace(/['’]s$/, "");
    if (ENGLISH_WORDS.has(base)) found.push(token);
  }
  const spaced = ` ${tokens.join(" ")} `;
  for (const phrase of ENGLISH_PHRASES) if (spaced.includes(` ${phrase} `)) found.push(phrase);
  return [...new Set(found)];
}
