import type { LoaderFunctionArgs } from "@remix-run/node";
import { create } from "xmlbuilder2";
import { listPublicBriefs } from "~/modules/briefs/index.server";
import { appOrigin } from "~/utils/request.server";

/** Atom feed of public briefs (never CAB-only ones). */
export async function loader({ request }: LoaderFunctionArgs) {
  const origin = appOrigin(request);
  const briefs = await listPublicBriefs(50);
  const updated = briefs.reduce((max, b) => (b.updatedAt > max ? b.updatedAt : max), new Date(0));
  const feed = create({ version: "1.0", encoding: "utf-8" }).ele("feed", { xmlns: "http://www.w3.org/2005/Atom" });
  feed.ele("title").txt("CAB Portal — Crime Strategies Unit briefs");
  feed.ele("id").txt(`${origin}/briefs`);
  feed.ele("link", { rel: "self", href: `${origin}/briefs.atom` });
  feed.ele("link", { rel: "alternate", type: "text/html", href: `${origin}/briefs` });
  feed.ele("updated").txt((briefs.length ? updated : new Date()).toISOString());
  feed.ele("author").ele("name").txt("County Prosecutor's Office — Crime Strategies Unit");
  for (const b of briefs) {
    const entry = feed.ele("entry");
    entry.ele("title").txt(b.title);
    entry.ele("id").txt(`urn:uuid:${b.id}`);
    entry.ele("link", { rel: "alternate", type: "text/html", href: `${origin}/briefs/${b.slug}` });
    entry.ele("published").txt((b.publishedAt ?? b.updatedAt).toISOString());
    entry.ele("updated").txt(b.updatedAt.toISOString());
    entry.ele("summary").txt(b.summary);
    for (const topic of b.topics) entry.ele("category", { term: topic });
    // Sanitized HTML, escaped as text: feed readers render it, nothing executes in the XML.
    entry.ele("content", { type: "html" }).txt(b.bodyHtml);
  }
  return new Response(feed.end({ prettyPrint: true }), {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
