/**
 * What prompted a proposal, pasted as portal links, one per line, optionally followed by a
 * label: "/concerns/AB12CD Broken streetlights on Elm". Concerns, briefs and comments are
 * other modules, so each becomes a typed reference (type + id) with its path.
 */
type LinkType = "concern" | "brief" | "comment";
export type LinkRef = { subjectType: LinkType; subjectId: string; url: string; label: string | null };

const ID = "[A-Za-z0-9][A-Za-z0-9_-]{0,99}";
const PATTERNS: { type: LinkType; re: RegExp; url: (id: string, m: RegExpExecArray) => string }[] = [
  { type: "comment", re: new RegExp(`^/comments/(${ID})$`), url: (id) => `/comments/${id}` },
  // One leading slash only: "//3232235777#comment-x" is a protocol-relative link to another host (192.168.1.1).
  { type: "comment", re: new RegExp(`^(/(?!/)[A-Za-z0-9/_-]*)#comment-(${ID})$`), url: (_id, m) => `${m[1]}#comment-${m[2]}` },
  { type: "concern", re: new RegExp(`^/concerns/(${ID})$`), url: (id) => `/concerns/${id}` },
  { type: "brief", re: new RegExp(`^/briefs/(${ID})$`), url: (id) => `/briefs/${id}` },
];

function parseLinkLine(line: string): LinkRef | null {
  const trimmed = line.trim();
  const space = trimmed.search(/\s/);
  const rawLink = space === -1 ? trimmed : trimmed.slice(0, space);
  const label = space === -1 ? null : trimmed.slice(space).trim().slice(0, 200) || null;
  let path = rawLink;
  if (/^https?:\/\//i.test(rawLink)) {
    try {
      const u = new URL(rawLink);
      path = u.pathname + u.hash;
    } catch {
      return null;
    }
  }
  path = path.replace(/\/+(?=$|#)/, "");
  for (const p of PATTERNS) {
    const m = p.re.exec(path);
    if (!m) continue;
    const id = p.type === "comment" && m.length > 2 ? m[2]! : m[1]!;
    return { subjectType: p.type, subjectId: id, url: p.url(id, m), label };
  }
  return null;
}

/** Every non-empty line as a reference; null when any line is not a portal link we understand. */
export function parseLinks(text: string | undefined): LinkRef[] | null {
  const lines = (text ?? "").split(/\r?\n/).filter((l) => l.trim());
  const refs: LinkRef[] = [];
  for (const line of lines) {
    const ref = parseLinkLine(line);
    if (!ref) return null;
    if (!refs.some((r) => r.subjectType === ref.subjectType && r.subjectId === ref.subjectId)) refs.push(ref);
  }
  return refs;
}
