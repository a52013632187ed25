import { sql } from "drizzle-orm";
import { db } from "~/db/client.server";
import type { Role } from "~/modules/auth";
import { searchableBriefs } from "~/modules/briefs/index.server";
import { searchableComments } from "~/modules/comments/index.server";
import { searchableConsultations } from "~/modules/consultations/index.server";
import { searchableMeetings, searchableMinutes } from "~/modules/meetings/index.server";
import { searchableResponses } from "~/modules/responses/index.server";

// Private-use characters mark the hits in ts_headline's output; the page splits on them and
// renders text nodes (escaped by React), so no HTML from the database is ever trusted.
const MARK_START = "\uE000";
const MARK_END = "\uE001";

export type SearchHit = {
  kind: "brief" | "consultation" | "meeting" | "minutes" | "response" | "comment";
  title: string;
  url: string;
  snippet: string;
  rank: number;
};

/**
 * Full-text search over briefs, consultations, meetings, minutes, office responses and visible
 * comments on any of them, in English and Spanish
 * (whichever stemming matches better), limited to what the viewer may see. Each module hands
 * over what may be searched as a subquery (its tables stay its own); this is one statement.
 */
/**
 * What websearch_to_tsquery gets: at most 16 terms, each a word or a quoted phrase with at most
 * one leading "-" (NOT); runs of dashes, lone operators and doubled ORs are dropped. PostgreSQL
 * builds one nested operator per "-" or "OR", and 40 of them in a row overflow its tsquery stack
 * ("tsquery stack too small"): a 500 for a query anybody can type.
 */
export function normalizeSearchQuery(query: string): string {
  const tokens = query.slice(0, 200).match(/-*"[^"]*"?|[^\s"]+/g) ?? [];
  const out: string[] = [];
  for (const raw of tokens) {
    const negated = raw.startsWith("-");
    const body = raw
      .replace(/^-+/, "")
      .replace(/^"|"$/g, "")
      .replace(/[-\s]+$/g, "")
      .trim();
    if (!body || /^[-\s]*$/.test(body)) continue;
    if (/^or$/i.test(body) && !raw.startsWith('"')) {
      if (out.length && out[out.length - 1] !== "or") out.push("or");
      continue;
    }
    const term = raw.includes('"') ? `"${body.replaceAll('"', "")}"` : body;
    out.push(negated ? `-${term}` : term);
    if (out.length >= 16) break;
  }
  while (out[out.length - 1] === "or") out.pop();
  if (out[0] === "or") out.shift();
  return out.join(" ");
}

export async function search(query: string, role: Role | null | undefined, limit = 30): Promise<SearchHit[]> {
  const q = normalizeSearchQuery(query.trim());
  if (!q) return [];
  const briefs = searchableBriefs(role);
  const consultations = searchableConsultations();
  const meetings = searchableMeetings(role);
  const responses = searchableResponses(role);
  // Each source as (kind, subquery): the same columns, the same match and rank.
  const sources = [
    ["brief", briefs],
    ["consultation", consultations],
    ["meeting", meetings],
    ["minutes", searchableMinutes(role)],
    ["response", responses],
  ] as const;
  const documents = sql.join(
    sources.map(
      ([kind, from]) => sql`select ${kind}::text as kind, d.title, d.url, d.body,
        case when d.search_en @@ q.en then 'english' else 'spanish' end as cfg,
        greatest(ts_rank(d.search_en, q.en), ts_rank(d.search_es, q.es)) as rank
      from ${from} d, q
      where d.search_en @@ q.en or d.search_es @@ q.es`,
    ),
    sql` union all `,
  );
  const options = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "`;
  const rows = await db.execute<{ kind: SearchHit["kind"]; title: string; url: string; snippet: string; rank: number }>(sql`
    with q as (select websearch_to_tsquery('english', ${q}) as en, websearch_to_tsquery('spanish', ${q}) as es),
    hits as (
      ${documents}
      union all
      select 'comment', coalesce(b.title, k.title, g.title, r.title), coalesce(b.url, k.url, g.url, r.url) || '#comment-' || m.id,
        m.body,
        case when m.search_en @@ q.en then 'english' else 'spanish' end,
        greatest(ts_rank(m.search_en, q.en), ts_rank(m.search_es, q.es)) * 0.8
      from ${searchableComments()} m cross join q
        left join ${briefs} b on m.subject_type = 'brief' and b.id::text = m.subject_id
        left join ${consultations} k on m.subject_type = 'consultation' and k.id::text = m.subject_id
        left join ${meetings} g on m.subject_type = 'meeting' and g.id::text = m.subject_id
        left join ${responses} r on m.subject_type = 'response' and r.id::text = m.subject_id
      where (m.search_en @@ q.en or m.search_es @@ q.es) and (b.id is not null or k.id is not null or g.id is not null or r.id is not null)
    ),
    top as (select * from hits order by rank desc limit ${limit})
    select kind, title, url, rank,
      ts_headline(cfg::regconfig, body, case when cfg = 'english' then q.en else q.es end, ${options}) as snippet
    from top, q
    order by rank desc
  `);
  return [...rows].map((r) => ({ ...r, rank: Number(r.rank) }));
}

/** A snippet as [text, isHit] pieces, for rendering without HTML. */
export function snippetParts(snippet: string): [string, boolean][] {
  const parts: [string, boolean][] = [];
  const re = new RegExp(`${MARK_START}([^${MARK_END}]*)${MARK_END}`, "g");
  let last = 0;
  for (const m of snippet.matchAll(re)) {
    if (m.index! > last) parts.push([snippet.slice(last, m.index), false]);
    parts.push([m[1]!, true]);
    last = m.index! + m[0].length;
  }
  if (last < snippet.length) parts.push([snippet.slice(last), false]);
  return parts.map(([t, hit]) => [t.replace(/[\uE000\uE001]/g, ""), hit]);
}
