import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { briefs } from "~/db/schema";
import { parseRichText, richTextFromPlainText } from "~/modules/richtext/index.server";
import { clientFor } from "../support/app";

const doc = (...content: unknown[]) => ({ type: "doc", content });
const p = (...content: unknown[]) => ({ type: "paragraph", content });
const text = (t: string, marks?: unknown[]) => (marks ? { type: "text", text: t, marks } : { type: "text", text: t });
const link = (href: string) => [{ type: "link", attrs: { href } }];

/** Whatever is stored or rendered, none of this may appear as live markup. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<script|<svg|<iframe|<object|<embed|<style|<math/i);
  expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/(href|src)\s*=\s*"?\s*(javascript|data|vbscript):/i);
}

// Each: a payload and either "refused" (with the error) or "stored" (inert).
const HOSTILE: { name: string; input: unknown; expect: "refused" | "stored"; error?: string }[] = [
  { name: "script tag as text", input: doc(p(text("<script>alert(1)</script>"))), expect: "stored" },
  { name: "img onerror as text", input: doc(p(text('<img src=x onerror="alert(1)">'))), expect: "stored" },
  { name: "javascript: link", input: doc(p(text("x", link("javascript:alert(1)")))), expect: "refused", error: "disallowed_link" },
  { name: "JaVaScRiPt: link with spaces", input: doc(p(text("x", link(" JaVaScRiPt:alert(1)")))), expect: "refused", error: "disallowed_link" },
  { name: "entity-encoded javascript link", input: doc(p(text("x", link("javascript&#58;alert(1)")))), expect: "refused", error: "disallowed_link" },
  {
    name: "data: link",
    input: doc(p(text("x", link("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")))),
    expect: "refused",
    error: "disallowed_link",
  },
  { name: "vbscript: link", input: doc(p(text("x", link("vbscript:msgbox(1)")))), expect: "refused", error: "disallowed_link" },
  { name: "relative link", input: doc(p(text("x", link("//evil.example/x")))), expect: "refused", error: "disallowed_link" },
  {
    name: "data: image (SVG)",
    input: doc({ type: "figure", attrs: { src: "data:image/svg+xml,<svg onload=alert(1)>", alt: "x", caption: "" } }),
    expect: "refused",
    error: "disallowed_image",
  },
  {
    name: "javascript: image",
    input: doc({ type: "figure", attrs: { src: "javascript:alert(1)", alt: "x", caption: "" } }),
    expect: "refused",
    error: "disallowed_image",
  },
  { name: "SVG node", input: doc({ type: "svg", content: [text("x")] }), expect: "refused", error: "invalid_schema" },
  { name: "unknown node type", input: doc({ type: "iframe", attrs: { src: "https://evil.example" } }), expect: "refused", error: "invalid_schema" },
  { name: "unknown mark", input: doc(p(text("x", [{ type: "script" }]))), expect: "refused", error: "invalid_schema" },
  {
    name: "event-handler attribute on a node",
    input: doc({ type: "paragraph", attrs: { onclick: "alert(1)", style: "x" }, content: [text("hi")] }),
    expect: "stored",
  },
  {
    name: "event-handler attribute on a link",
    input: doc(p(text("x", [{ type: "link", attrs: { href: "https://ok.example", onmouseover: "alert(1)" } }]))),
    expect: "stored",
  },
  {
    name: "figure caption with markup",
    input: doc({ type: "figure", attrs: { src: "https://example.org/c.png", alt: '"><script>alert(1)</script>', caption: "<svg/onload=alert(1)>" } }),
    expect: "stored",
  },
  { name: "heading level 1 (not allowed)", input: doc({ type: "heading", attrs: { level: 7 }, content: [text("x")] }), expect: "stored" },
  { name: "text node with marks array garbage", input: doc(p({ type: "text", text: "x", marks: "bold" })), expect: "refused", error: "invalid_schema" },
  { name: "text inside doc directly", input: doc(text("bare")), expect: "refused", error: "invalid_schema" },
  { name: "malformed JSON", input: '{"type":"doc","content":[', expect: "refused", error: "malformed" },
  { name: "not a doc", input: '["a", "b"]', expect: "refused", error: "malformed" },
  { name: "null", input: "null", expect: "refused", error: "malformed" },
  { name: "HTML instead of JSON", input: "<p onclick=alert(1)>hi</p>", expect: "refused", error: "malformed" },
  { name: "5 MB document", input: JSON.stringify(doc(p(text("a".repeat(5 * 1024 * 1024))))), expect: "refused", error: "too_large" },
  {
    name: "deeply nested",
    input: JSON.stringify(JSON.parse(`{"type":"doc","content":[${'{"type":"blockquote","content":['.repeat(200)}{"type":"paragraph"}${"]}".repeat(200)}]}`)),
    expect: "refused",
    error: "too_deep",
  },
  { name: "empty document", input: doc({ type: "paragraph" }), expect: "refused", error: "empty" },
];

describe("parseRichText: hostile payloads", () => {
  for (const c of HOSTILE) {
    it(`${c.name} → ${c.expect}`, () => {
      const result = parseRichText(c.input, "document");
      if (c.expect === "refused") {
        expect(result).toMatchObject({ ok: false, error: c.error });
      } else {
        expect(result.ok).toBe(true);
        if (result.ok) expectInert(result.html);
      }
    });
  }

  it("renders the allowed formatting of a brief", () => {
    const result = parseRichText(
      doc(
        { type: "heading", attrs: { level: 2 }, content: [text("Findings")] },
        { type: "bulletList", content: [{ type: "listItem", content: [p(text("one"))] }] },
        p(text("See ", []), text("the data", link("https://example.org/data")), text(" or "), text("write", link("mailto:csu@example.org"))),
        { type: "blockquote", content: [p(text("quoted"))] },
        { type: "figure", attrs: { src: "/images/chart.png", alt: "Bar chart of filings", caption: "Filings by month" } },
      ),
      "document",
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.html).toContain("<h2>Findings</h2>");
    expect(result.html).toContain('<a rel="noopener noreferrer nofollow" href="https://example.org/data">the data</a>');
    expect(result.html).toContain('href="mailto:csu@example.org"');
    expect(result.html).toMatch(
      /<figure class="rt-figure"><img src="\/images\/chart.png" alt="Bar chart of filings" \/><figcaption>Filings by month<\/figcaption><\/figure>/,
    );
    expect(result.text).toContain("Filings by month");
  });

  it("the comment profile refuses what only documents may hold", () => {
    expect(parseRichText(doc({ type: "heading", attrs: { level: 2 }, content: [text("x")] }), "comment")).toMatchObject({ ok: false, error: "invalid_schema" });
    expect(parseRichText(doc({ type: "table", content: [] }), "comment")).toMatchObject({ ok: false, error: "invalid_schema" });
    const ok = parseRichText(doc(p(text("bold", [{ type: "bold" }]), text(" and "), text("link", link("https://example.org")))), "comment");
    expect(ok.ok && ok.html).toBe('<p><strong>bold</strong> and <a rel="noopener noreferrer nofollow ugc" href="https://example.org">link</a></p>');
  });

  it("turns plain text (no JavaScript) into escaped paragraphs", () => {
    const result = richTextFromPlainText("First <b>line</b>\nsecond line\n\nNew paragraph", "comment");
    expect(result.ok && result.html).toBe("<p>First &lt;b&gt;line&lt;/b&gt;<br />second line</p><p>New paragraph</p>");
  });
});

describe("the brief save route with hostile bodies", () => {
  const base = { title: "Hostile body test", summary: "A summary long enough to pass.", topics: "test" };
  // One sign-in for the file: logins are rate limited per account.
  let analystClient: Awaited<ReturnType<typeof clientFor>> | null = null;
  const analystSession = async () => (analystClient ??= await clientFor("analyst@demo.test"));

  it("stores harmless-but-hostile text inertly and serves it escaped", async () => {
    const analyst = await analystSession();
    const body = JSON.stringify(
      doc(p(text("<script>window.pwned=1</script><img src=x onerror=alert(1)>")), {
        type: "paragraph",
        attrs: { onclick: "alert(1)" },
        content: [text("para")],
      }),
    );
    const res = await analyst.post("/staff/briefs/new", { ...base, body });
    expect(res.status).toBe(302);
    const id = res.headers.get("location")!.split("/")[3]!;
    const [row] = await db.select().from(briefs).where(eq(briefs.id, id));
    expectInert(row!.bodyHtml);
    expect(row!.bodyHtml).toContain("&lt;script&gt;");
    await analyst.post(`/staff/briefs/${id}/edit`, { intent: "publish" });
    const page = await (await clientFor()).get(`/briefs/${row!.slug}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("&lt;script&gt;window.pwned=1&lt;/script&gt;");
    expect(html).not.toContain("<script>window.pwned");
    expect(html).not.toMatch(/<p[^>]*onclick/);
    const feed = await (await clientFor()).get("/briefs.atom");
    expect(feed.status).toBe(200);
    expect(await feed.text()).not.toContain("<script>window.pwned");
  });

  const refused: [string, Record<string, string>, RegExp, number?][] = [
    ["a javascript: link", { body: JSON.stringify(doc(p(text("x", link("javascript:alert(1)"))))) }, /Links must start with https:\/\/, http:\/\/ or mailto:/],
    ["a data: link", { body: JSON.stringify(doc(p(text("x", link("data:text/html,<script>alert(1)</script>"))))) }, /Links must start with/],
    [
      "an SVG figure",
      { body: JSON.stringify(doc({ type: "figure", attrs: { src: "data:image/svg+xml,<svg onload=alert(1)>", alt: "x", caption: "" } })) },
      /Images must come from/,
    ],
    ["an unknown node", { body: JSON.stringify(doc({ type: "script", content: [text("alert(1)")] })) }, /formatting that is not allowed/],
    ["malformed JSON", { body: '{"type":"doc",' }, /could not be read/],
    ["raw HTML", { body: "<script>alert(1)</script>" }, /could not be read/],
    // Over the 2 MB rich-text body limit: refused by the server before anything parses it (413).
    ["a 5 MB document", { body: JSON.stringify(doc(p(text("x".repeat(5 * 1024 * 1024))))) }, /No se guardó nada/, 413],
    ["a 5 MB plain text", { body__text: "y".repeat(5 * 1024 * 1024) }, /No se guardó nada/, 413],
    ["no body", {}, /Write the brief/],
  ];
  for (const [name, fields, message, status = 400] of refused) {
    it(`refuses ${name} with a clear ${status}`, async () => {
      const analyst = await analystSession();
      const before = await db.$count(briefs);
      const res = await analyst.post("/staff/briefs/new", { ...base, ...fields });
      expect(res.status).toBe(status);
      const html = await res.text();
      expect(html).toMatch(message);
      expect(html).not.toContain("<script>alert(1)</script>");
      expect(html.length).toBeLessThan(1_000_000);
      expect(await db.$count(briefs)).toBe(before);
    });
  }

  it("without JavaScript, typed text becomes paragraphs", async () => {
    const analyst = await analystSession();
    const res = await analyst.post("/staff/briefs/new", { ...base, title: "Plain text brief", body__text: "Line one <i>\n\nSecond paragraph" });
    expect(res.status).toBe(302);
    const id = res.headers.get("location")!.split("/")[3]!;
    const [row] = await db.select().from(briefs).where(eq(briefs.id, id));
    expect(row!.bodyHtml).toBe("<p>Line one &lt;i&gt;</p><p>Second paragraph</p>");
  });
});
