import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { i18nServer } from "~/i18n/i18n.server";
import { isLocale } from "~/locales";
import { requireRole } from "~/modules/auth/index.server";
import { collectRecordsExport, renderRecordsExport } from "~/modules/records/index.server";
import { ExportPeriodSchema } from "~/modules/records/schemas";
import { appUrl } from "~/utils/env.server";

/**
 * The export of board records for ?from=&to= (county days, inclusive): one self-contained HTML
 * document — inline to read or print, or a download with ?download=1. A period that does not
 * parse goes back to the form, which says what is wrong.
 */
export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  const url = new URL(args.request.url);
  const submission = parseWithZod(url.searchParams, { schema: ExportPeriodSchema });
  if (submission.status !== "success") throw redirect(`/staff/records/export?${url.searchParams.toString()}`);
  const { from, to } = submission.value;
  const asked = url.searchParams.get("lng");
  const detected = isLocale(asked) ? asked : await i18nServer.getLocale(args.request);
  const html = await renderRecordsExport(await collectRecordsExport(from, to), isLocale(detected) ? detected : "en", appUrl());
  const headers: Record<string, string> = {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "private, no-store",
    // A document of records, not a page of the portal: it runs nothing and loads nothing.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    "X-Robots-Tag": "noindex",
  };
  if (url.searchParams.get("download") === "1") headers["Content-Disposition"] = `attachment; filename="board-records-${from}-to-${to}.html"`;
  return new Response(html, { status: 200, headers });
}
