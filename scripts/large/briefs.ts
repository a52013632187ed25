/**
 * seed:large — 500 briefs (most public, a few for board review or draft), one of them with
 * exactly 1,000 comments in 400 threads (three levels), the others with a handful each.
 * Rows go in through the briefs/comments tables as their services write them: rich text
 * validated and rendered by the shared rich-text module, a first revision per brief.
 */
import { sql } from "drizzle-orm";
import type { prng } from "../seed-large";

export const BIG_BRIEF_SLUG = "large-county-discussion-1000-comments";
// A public brief with a few comments (large-brief-0002 is a draft): the soak's comments go here.
export const SOAK_BRIEF_SLUG = "large-brief-0003";
const BRIEFS = 500;
const BIG_COMMENTS = { top: 400, replies: 400, deep: 200 };

const TOPICS = ["drug cases", "charging policy", "community concerns", "gun violence", "diversion", "nuisance abatement", "response times", "victim services"];
const DAY = 86_400_000;

export async function seedLargeBriefs({ random }: { random: ReturnType<typeof prng> }) {
  const { db } = await import("../../app/db/client.server");
  const { briefs, briefRevisions, comments } = await import("../../app/db/schema");
  const { parseRichText, richTextFromPlainText } = await import("../../app/modules/richtext/index.server");
  const [{ n }] = (await db.execute(sql`select count(*)::int as n from briefs where slug like 'large-%'`)) as unknown as [{ n: number }];
  if (n >= BRIEFS) return 0;

  const people = (await db.execute(
    sql`select id, role from users where email like '%@large.test' and role in ('cab_member', 'csu_staff') order by email`,
  )) as unknown as { id: string; role: string }[];
  const members = people.filter((p) => p.role === "cab_member").map((p) => p.id);
  const staff = people.filter((p) => p.role === "csu_staff").map((p) => p.id);
  if (!members.length || !staff.length) throw new Error("seed:large briefs: run the users step first");

  const body = parseRichText(
    {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Findings" }] },
        { type: "paragraph", content: [{ type: "text", text: "Synthetic benchmark brief: the figures below are made up to give the page a realistic size." }] },
        {
          type: "bulletList",
          content: [
            "Referrals fell in four of five districts.",
            "Drug filings fell after the documented-concern rule.",
            "Response times to resident concerns improved.",
          ].map((t) => ({ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: t }] }] })),
        },
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Method" }] },
        {
          type: "paragraph",
          content: [{ type: "text", text: "Case-level data were aggregated by month, offense category and ZIP code; counts under 11 are withheld." }],
        },
      ],
    },
    "document",
  );
  if (!body.ok) throw new Error(`seed:large briefs: body refused (${body.error})`);

  const now = Date.UTC(2026, 0, 15);
  const briefRows: (typeof briefs.$inferInsert)[] = [];
  for (let i = 0; i < BRIEFS; i++) {
    const big = i === 0;
    const status = big || i % 25 > 1 ? ("public" as const) : i % 25 === 0 ? ("cab_review" as const) : ("draft" as const);
    const published = new Date(now - random.int(1, 3 * 365) * DAY);
    briefRows.push({
      id: random.uuid(),
      slug: big ? BIG_BRIEF_SLUG : `large-brief-${String(i + 1).padStart(4, "0")}`,
      title: big
        ? "County-wide discussion: what should the board ask for next year?"
        : `Benchmark brief ${i + 1}: ${random.pick(TOPICS)} in the ${random.pick(["east", "west", "north", "south", "central"])} districts`,
      summary: "A synthetic brief for the benchmarks (npm run seed:large).",
      topics: [random.pick(TOPICS), random.pick(TOPICS)].filter((t, k, a) => a.indexOf(t) === k),
      periodStart: "2024-01-01",
      periodEnd: "2024-12-31",
      bodyJson: body.doc,
      bodyHtml: body.html,
      bodyText: body.text,
      status,
      publishedAt: status === "public" ? published : null,
      sentToCabAt: status === "draft" ? null : published,
      authorId: random.pick(staff),
      revisionCount: 1,
      createdAt: new Date(published.getTime() - 3 * DAY),
      updatedAt: published,
    });
  }
  // Comments: the big brief gets exactly 1,000 (400 threads, 400 replies, 200 replies to replies).
  const commentRows: (typeof comments.$inferInsert)[] = [];
  // Rendering rich text costs milliseconds: a few bodies, rendered once, shared.
  const bodies = [
    "I agree with the findings.",
    "Could we see this by district?",
    "The drug filing numbers worry me.",
    "Thank you for the clear summary.",
    "What about victims' services?",
  ].map((t) => richTextFromPlainText(`Benchmark comment: ${t}`, "comment"));
  const text = (_k: number) => random.pick(bodies);
  const add = (briefId: string, author: string, at: number, parent: { id: string; rootId: string; depth: number } | null, k: number) => {
    const b = text(k);
    if (!b.ok) throw new Error("seed:large comments: body refused");
    const id = random.uuid();
    commentRows.push({
      id,
      subjectType: "brief",
      subjectId: briefId,
      parentId: parent?.id ?? null,
      rootId: parent?.rootId ?? id,
      depth: parent ? parent.depth + 1 : 0,
      authorId: author,
      authorIsStaff: staff.includes(author),
      bodyJson: b.doc,
      bodyHtml: b.html,
      bodyText: b.text,
      createdAt: new Date(at),
    });
    return { id, rootId: parent?.rootId ?? id, depth: parent ? parent.depth + 1 : 0 };
  };
  const big = briefRows[0]!;
  let t = (big.publishedAt as Date).getTime() + 3600_000;
  const tops = Array.from({ length: BIG_COMMENTS.top }, (_, k) => add(big.id!, random.pick(members), (t += random.int(60, 3600) * 1000), null, k));
  const replies = Array.from({ length: BIG_COMMENTS.replies }, (_, k) =>
    add(big.id!, random.next() < 0.1 ? random.pick(staff) : random.pick(members), (t += random.int(60, 600) * 1000), random.pick(tops), 1000 + k),
  );
  for (let k = 0; k < BIG_COMMENTS.deep; k++) add(big.id!, random.pick(members), (t += random.int(60, 600) * 1000), random.pick(replies), 2000 + k);
  for (const b of briefRows.slice(1)) {
    if (b.status !== "public") continue;
    let at = (b.publishedAt as Date).getTime();
    for (let k = random.int(0, 6); k > 0; k--) add(b.id!, random.pick(members), (at += random.int(600, 86_400) * 1000), null, k);
  }

  await db.transaction(async (tx) => {
    for (let i = 0; i < briefRows.length; i += 250)
      await tx
        .insert(briefs)
        .values(briefRows.slice(i, i + 250))
        .onConflictDoNothing();
    const revisions = briefRows.map((b) => ({
      briefId: b.id!,
      number: 1,
      title: b.title,
      summary: b.summary,
      bodyJson: b.bodyJson,
      bodyText: b.bodyText,
      statusAtSave: b.status!,
      authorId: b.authorId,
      createdAt: b.createdAt,
    }));
    for (let i = 0; i < revisions.length; i += 250)
      await tx
        .insert(briefRevisions)
        .values(revisions.slice(i, i + 250))
        .onConflictDoNothing();
    for (let i = 0; i < commentRows.length; i += 500)
      await tx
        .insert(comments)
        .values(commentRows.slice(i, i + 500))
        .onConflictDoNothing();
  });
  return briefRows.length + commentRows.length;
}
