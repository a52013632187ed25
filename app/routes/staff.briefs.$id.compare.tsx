import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/modules/auth/index.server";
import { diffLines, revisionText } from "~/modules/briefs";
import { getBrief, getRevisionPair, listRevisions } from "~/modules/briefs/index.server";
import { badRequest, notFound } from "~/utils/errors";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "compareRevisions", "staff");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  const brief = await getBrief(args.params.id ?? "");
  if (!brief) notFound();
  const url = new URL(args.request.url);
  // Without a choice, the two newest revisions (what a person opening "Compare" wants to see).
  let a = Number(url.searchParams.get("a") ?? NaN);
  let b = Number(url.searchParams.get("b") ?? NaN);
  if (!url.searchParams.has("a") && !url.searchParams.has("b")) {
    const [newest, previous] = await listRevisions(brief.id);
    if (!newest || !previous) notFound();
    a = previous.number;
    b = newest.number;
  }
  if (!Number.isInteger(a) || !Number.isInteger(b)) badRequest();
  const pair = await getRevisionPair(brief.id, a, b);
  if (!pair.a || !pair.b) notFound();
  const lines = diffLines(revisionText(pair.a), revisionText(pair.b));
  return json({ brief: { id: brief.id, title: brief.title }, a, b, lines, reasonB: pair.b.reason });
}

export default function CompareRevisions() {
  const { t } = useTranslation("briefs");
  const { brief, a, b, lines, reasonB } = useLoaderData<typeof loader>();
  const added = lines.filter((l) => l.kind === "added").length;
  const removed = lines.filter((l) => l.kind === "removed").length;
  return (
    <section>
      <p>
        <Link to={`/staff/briefs/${brief.id}/edit`}>{t("staff.backToBrief")}</Link>
      </p>
      <h1>{t("compare.title", { a, b })}</h1>
      <p>{t("compare.summary", { added: t("compare.linesAdded", { count: added }), removed: t("compare.linesRemoved", { count: removed }) })}</p>
      {reasonB ? <p>{t("compare.reason", { reason: reasonB })}</p> : null}
      <div className="diff" role="region" aria-label={t("compare.title", { a, b })}>
        {lines.map((l, i) =>
          l.kind === "added" ? (
            <ins key={i} className="diff-line diff-added">
              <span className="visually-hidden">{t("compare.added")} </span>
              {l.text || "\u00a0"}
            </ins>
          ) : l.kind === "removed" ? (
            <del key={i} className="diff-line diff-removed">
              <span className="visually-hidden">{t("compare.removed")} </span>
              {l.text || "\u00a0"}
            </del>
          ) : (
            <div key={i} className="diff-line">
              {l.text || "\u00a0"}
            </div>
          ),
        )}
      </div>
    </section>
  );
}
