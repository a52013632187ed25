import { eq, inArray } from "drizzle-orm";
import { db } from "~/db/client.server";
import { briefRevisions, briefs, consultations, users } from "~/db/schema";
import { enqueueJob } from "~/modules/notifications/index.server";
import { parseRichText, type RichText } from "~/modules/richtext/index.server";

type J = Record<string, unknown>;
const txt = (text: string, marks?: J[]): J => (marks ? { type: "text", text, marks } : { type: "text", text });
const p = (...content: (J | string)[]): J => ({ type: "paragraph", content: content.map((c) => (typeof c === "string" ? txt(c) : c)) });
const h = (level: 2 | 3, text: string): J => ({ type: "heading", attrs: { level }, content: [txt(text)] });
const ul = (...items: string[]): J => ({ type: "bulletList", content: items.map((i) => ({ type: "listItem", content: [p(i)] })) });
const quote = (text: string): J => ({ type: "blockquote", content: [p(text)] });
const cell = (type: "tableHeader" | "tableCell", text: string): J => ({ type, content: [p(text)] });
const table = (head: string[], ...rows: string[][]): J => ({
  type: "table",
  content: [
    { type: "tableRow", content: head.map((c) => cell("tableHeader", c)) },
    ...rows.map((r) => ({ type: "tableRow", content: r.map((c) => cell("tableCell", c)) })),
  ],
});
const link = (text: string, href: string) => txt(text, [{ type: "link", attrs: { href } }]);
const bold = (text: string) => txt(text, [{ type: "bold" }]);

function render(content: J[]): RichText {
  const result = parseRichText({ type: "doc", content }, "document");
  if (!result.ok) throw new Error(`seed rich text refused: ${result.error} ${result.detail ?? ""}`);
  return result;
}

const DAY = 86_400_000;

const BRIEFS = [
  {
    slug: "drug-case-charging-policy-walkthrough",
    title: "How the office decides whether to charge a drug case",
    summary:
      "A walk-through of the charging policy for drug cases: the office files only with a documented community concern or a demonstrable connection to violence. What each means, how a concern becomes documented, and what changed in filings.",
    topics: ["drug cases", "charging policy", "community concerns"],
    periodStart: "2025-01-01",
    periodEnd: "2025-06-30",
    status: "public" as const,
    publishedDaysAgo: 20,
    body: [
      h(2, "The rule in one sentence"),
      p(
        "For possession and low-level sale cases, a prosecutor files charges only when the case file shows ",
        bold("a documented community concern"),
        " or ",
        bold("a demonstrable connection to violence"),
        ".",
      ),
      quote("Drug enforcement should follow the harm that neighbors experience, not the volume of arrests."),
      h(2, "What counts as a documented community concern"),
      ul(
        "A resident concern submitted through this portal, by phone or at a meeting, reviewed by the Crime Strategies Unit and marked documented.",
        "It names a place (a hundred-block or an address kept private) and a pattern: open-air sales, needles in a playground, repeated disturbances.",
        "The charging decision cites the concern's tracking code, so the link is visible in the case file.",
      ),
      h(2, "What counts as a connection to violence"),
      ul(
        "A weapon recovered with the drugs.",
        "A shooting or assault linked to the same location or group within 12 months.",
        "Threats or intimidation of witnesses or neighbors.",
      ),
      h(2, "Filings before and after"),
      table(
        ["Half-year", "Drug cases referred", "Filed", "Filed with a documented concern", "Filed with a violence connection"],
        ["2024 H2", "1,140", "702", "—", "—"],
        ["2025 H1", "1,098", "391", "164", "227"],
      ),
      p("Figures are synthetic demo data. The full series is on the ", link("public dashboard", "https://cab.example.org/dashboard"), "."),
      h(3, "Questions for the board"),
      ul("Are residents in every district able to document concerns equally?", "Should the 12-month window for violence connections be shorter?"),
    ],
  },
  {
    slug: "repeat-calls-problem-properties-2025",
    title: "Repeat calls for service at problem properties",
    summary:
      "Forty properties account for one in nine calls for service in the county. Where they are, what the calls are about, and what nuisance abatement has achieved.",
    topics: ["nuisance abatement", "calls for service"],
    periodStart: "2024-07-01",
    periodEnd: "2025-06-30",
    status: "public" as const,
    publishedDaysAgo: 45,
    body: [
      h(2, "Findings"),
      ul(
        "40 properties generated 11% of calls for service.",
        "Most calls were about disturbances and suspected sales.",
        "Abatement agreements reduced calls at 26 of the 40 properties.",
      ),
      p("The unit recommends working with landlords before filing abatement actions."),
    ],
  },
  {
    slug: "gun-violence-hot-spots-first-look",
    title: "Gun violence hot spots: a first look",
    summary: "Shootings concentrate on a few blocks that change slowly over time. A first look at five years of shooting incidents by hundred-block.",
    topics: ["gun violence", "hot spots"],
    periodStart: "2020-01-01",
    periodEnd: "2024-12-31",
    status: "public" as const,
    publishedDaysAgo: 90,
    body: [
      h(2, "What we looked at"),
      p("Five years of shooting incidents, mapped to hundred-blocks."),
      h(2, "What we found"),
      p("Half of all shootings happened on 4% of blocks."),
    ],
  },
  {
    slug: "diversion-outcomes-2024-board-review",
    title: "Diversion outcomes, 2024 (for board review)",
    summary: "How people referred to pre-charge diversion in 2024 fared a year later. Shared with the board before publication.",
    topics: ["diversion", "drug cases"],
    periodStart: "2024-01-01",
    periodEnd: "2024-12-31",
    status: "cab_review" as const,
    publishInDays: 30,
    body: [
      h(2, "Summary"),
      p("Of 612 people referred to diversion, 71% completed the program. Re-referral within a year was lower for those who completed."),
      p("Figures are synthetic demo data."),
    ],
  },
];

/** Idempotent: briefs and consultations are found by slug; existing ones are left alone. */
export async function seedBriefs() {
  const [analyst] = await db.select({ id: users.id }).from(users).where(eq(users.email, "analyst@demo.test"));
  const authorId = analyst?.id ?? null;
  const have = new Set(
    (
      await db
        .select({ slug: briefs.slug })
        .from(briefs)
        .where(
          inArray(
            briefs.slug,
            BRIEFS.map((b) => b.slug),
          ),
        )
    ).map((r) => r.slug),
  );
  for (const b of BRIEFS.filter((x) => !have.has(x.slug))) {
    const body = render(b.body);
    await db.transaction(async (tx) => {
      const now = Date.now();
      const publishedAt = "publishedDaysAgo" in b ? new Date(now - b.publishedDaysAgo! * DAY) : null;
      const publishAt = "publishInDays" in b ? new Date(now + b.publishInDays! * DAY) : null;
      const [row] = await tx
        .insert(briefs)
        .values({
          slug: b.slug,
          title: b.title,
          summary: b.summary,
          topics: b.topics,
          periodStart: b.periodStart,
          periodEnd: b.periodEnd,
          bodyJson: body.doc,
          bodyHtml: body.html,
          bodyText: body.text,
          status: b.status,
          publishedAt,
          publishAt,
          sentToCabAt: new Date(now - 3 * DAY),
          authorId,
          revisionCount: 1,
          createdAt: new Date(now - 100 * DAY),
          updatedAt: publishedAt ?? new Date(now - 3 * DAY),
        })
        .returning({ id: briefs.id });
      await tx
        .insert(briefRevisions)
        .values({ briefId: row!.id, number: 1, title: b.title, summary: b.summary, bodyJson: body.doc, bodyText: body.text, statusAtSave: "draft", authorId });
      if (publishAt) await enqueueJob(tx, "publish_brief", { briefId: row!.id }, { jobKey: `brief-publish:${row!.id}`, runAt: publishAt });
    });
  }

  const consultationSeeds = [
    {
      slug: "jag-fy2026-notice-of-intent",
      title: "Notice of intent to apply for a Justice Assistance Grant (FY 2026)",
      partners: ["City of Riverside", "City of Lakeview", "Town of Millbrook"],
      opensAt: new Date(Date.now() - 2 * DAY),
      closesAt: new Date(Date.now() + 28 * DAY),
      notice: [
        p(
          "The County Prosecutor's Office intends to apply, jointly with its partner cities, for an Edward Byrne Memorial Justice Assistance Grant (JAG). Federal rules ask the applicants to make the application available for public review and comment before it is submitted.",
        ),
        h(2, "What the money would pay for"),
        ul(
          "A crime analyst position in the Crime Strategies Unit.",
          "Victim-witness advocate hours for cases from the partner cities.",
          "Community meetings on the drug-case charging policy.",
        ),
        h(2, "How the award would be shared"),
        table(
          ["Jurisdiction", "Share"],
          ["County Prosecutor's Office", "52%"],
          ["City of Riverside", "24%"],
          ["City of Lakeview", "16%"],
          ["Town of Millbrook", "8%"],
        ),
        p("Comment below while the window is open. The office will publish a summary of the comments with its final application."),
      ],
      summary: null as J[] | null,
    },
    {
      slug: "diversion-program-guidelines-2025",
      title: "Draft guidelines for the pre-charge diversion program",
      partners: [],
      opensAt: new Date(Date.now() - 75 * DAY),
      closesAt: new Date(Date.now() - 45 * DAY),
      notice: [p("The office asked residents to comment on draft guidelines for who is offered pre-charge diversion.")],
      summary: [p("We received 38 comments. Most asked for clearer eligibility rules and for program sites outside downtown. The final guidelines add both.")],
    },
  ];
  const haveC = new Set(
    (
      await db
        .select({ slug: consultations.slug })
        .from(consultations)
        .where(
          inArray(
            consultations.slug,
            consultationSeeds.map((c) => c.slug),
          ),
        )
    ).map((r) => r.slug),
  );
  for (const c of consultationSeeds.filter((x) => !haveC.has(x.slug))) {
    const notice = render(c.notice);
    const summary = c.summary ? render(c.summary) : null;
    await db.insert(consultations).values({
      slug: c.slug,
      title: c.title,
      partners: c.partners,
      opensAt: c.opensAt,
      closesAt: c.closesAt,
      noticeJson: notice.doc,
      noticeHtml: notice.html,
      noticeText: notice.text,
      summaryJson: summary?.doc ?? null,
      summaryHtml: summary?.html ?? null,
      summaryText: summary?.text ?? null,
      createdById: authorId,
    });
  }
}
