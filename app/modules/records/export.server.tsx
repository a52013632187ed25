import type { TFunction } from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { getFixedT } from "~/i18n/i18n.server";
import { analysisTitles } from "~/modules/analyses/index.server";
import { briefsForRecords, briefTitles } from "~/modules/briefs/index.server";
import { commentsForRecords } from "~/modules/comments/index.server";
import { meetingsForRecords, meetingTitles } from "~/modules/meetings/index.server";
import { ballotsForRecords } from "~/modules/voting/index.server";
import { endOfCountyDay, formatDate, formatDateTime, now, startOfCountyDay } from "~/utils/clock";

/**
 * Board communications: comments on the material the board discusses (its "cab" audience
 * subjects — briefs, proposed analyses, meetings, office responses). Comments on public
 * consultations are residents' submissions, not board communications.
 */
export const BOARD_SUBJECTS = ["brief", "analysis", "meeting", "response"] as const;

export type RecordsExport = Awaited<ReturnType<typeof collectRecordsExport>>;

/** Everything a records request for county days `from`..`to` (inclusive) covers, read through each module's public surface. */
export async function collectRecordsExport(from: string, to: string) {
  const start = startOfCountyDay(from);
  const end = endOfCountyDay(to);
  const [comments, briefs, meetings, ballots] = await Promise.all([
    commentsForRecords(start, end, BOARD_SUBJECTS),
    briefsForRecords(start, end),
    meetingsForRecords(start, end),
    ballotsForRecords(start, end),
  ]);
  const idsOf = (type: string) => comments.filter((c) => c.subjectType === type).map((c) => c.subjectId);
  const [briefNames, analysisNames, meetingNames] = await Promise.all([
    briefTitles(idsOf("brief")),
    analysisTitles(idsOf("analysis")),
    meetingTitles(idsOf("meeting")),
  ]);
  const subjectOf = (type: string, id: string) => {
    if (type === "brief") {
      const b = briefNames.get(id);
      return { title: b?.title ?? id, path: b ? `/briefs/${b.slug}` : null };
    }
    if (type === "analysis") return { title: analysisNames.get(id) ?? id, path: `/analyses/${id}` };
    if (type === "meeting") return { title: meetingNames.get(id) ?? id, path: `/meetings/${id}` };
    return { title: id, path: null };
  };
  return {
    from,
    to,
    generatedAt: now(),
    comments: comments.map((c) => ({ ...c, subject: subjectOf(c.subjectType, c.subjectId) })),
    briefs,
    meetings,
    ballots,
  };
}

const STYLE = `
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0b0c0c;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.8rem;margin:0 0 .5rem}h2{font-size:1.4rem;margin-top:2.5rem;border-bottom:2px solid #0b0c0c;padding-bottom:.25rem}
h3{font-size:1.1rem;margin:1.5rem 0 .25rem}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #b1b4b6;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f3f2f1}
.meta{color:#505a5f}.text{white-space:pre-wrap;border-left:4px solid #b1b4b6;padding-left:.75rem;margin:.25rem 0 1rem}
.none{font-style:italic;color:#505a5f}nav ol{columns:2}
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-before:page}h2:first-of-type{break-before:auto}a{color:inherit;text-decoration:none}nav{display:none}}
`;

function ExportDocument({ data, t, locale, origin }: { data: RecordsExport; t: TFunction; locale: string; origin: string }) {
  const dt = (v: Date | string | null | undefined) => (v ? formatDateTime(v, locale, { zoneName: true }) : "—");
  const choice = (c: string | null, recused: boolean) => (recused ? t("export.recused") : c ? t(`export.choice.${c}`) : t("export.didNotVote"));
  const link = (path: string | null) => (path ? `${origin}${path}` : null);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{t("export.title", { from: formatDate(data.from, locale, "long"), to: formatDate(data.to, locale, "long") })}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        <h1>{t("export.heading")}</h1>
        <p>{t("export.period", { from: formatDate(data.from, locale, "long"), to: formatDate(data.to, locale, "long") })}</p>
        <p className="meta">{t("export.generated", { when: dt(data.generatedAt) })}</p>
        <p>{t("export.intro")}</p>
        <nav aria-label={t("export.contents")}>
          <ol>
            <li>
              <a href="#communications">{t("export.communications")}</a> ({data.comments.length})
            </li>
            <li>
              <a href="#briefs">{t("export.briefs")}</a> ({data.briefs.length})
            </li>
            <li>
              <a href="#meetings">{t("export.meetings")}</a> ({data.meetings.length})
            </li>
            <li>
              <a href="#votes">{t("export.votes")}</a> ({data.ballots.length})
            </li>
          </ol>
        </nav>

        <h2 id="communications">{t("export.communications")}</h2>
        <p className="meta">{t("export.communicationsLead")}</p>
        {data.comments.length === 0 ? <p className="none">{t("export.noneInPeriod")}</p> : null}
        {data.comments.map((c) => (
          <article key={c.id}>
            <h3>
              {c.authorName ?? t("export.formerAccount")}
              {c.authorIsStaff ? ` (${t("export.office")})` : ""} · {dt(c.createdAt)}
            </h3>
            <p className="meta">
              {t(`export.subject.${c.subjectType}`)}: {link(c.subject.path) ? <a href={link(c.subject.path)!}>{c.subject.title}</a> : c.subject.title}
              {c.parentId ? ` · ${t("export.reply")}` : ""}
              {c.status !== "visible" ? ` · ${t(`export.commentStatus.${c.status}`)}` : ""}
              {c.editedAt ? ` · ${t("export.edited", { when: dt(c.editedAt) })}` : ""}
            </p>
            <div className="text">{c.bodyText}</div>
          </article>
        ))}

        <h2 id="briefs">{t("export.briefs")}</h2>
        {data.briefs.length === 0 ? <p className="none">{t("export.noneInPeriod")}</p> : null}
        {data.briefs.map((b) => (
          <article key={b.id}>
            <h3>{b.title}</h3>
            <p className="meta">
              {t(`export.briefStatus.${b.status}`)}
              {b.sentToCabAt ? ` · ${t("export.sentToCab", { when: dt(b.sentToCabAt) })}` : ""}
              {b.publishedAt ? ` · ${t("export.published", { when: dt(b.publishedAt) })}` : ""}
              {b.status === "public" ? (
                <>
                  {" · "}
                  <a href={`${origin}/briefs/${b.slug}`}>{`${origin}/briefs/${b.slug}`}</a>
                </>
              ) : null}
            </p>
            {b.revisions.length ? (
              <table>
                <caption className="meta">{t("export.revisionsInPeriod")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("export.revision")}</th>
                    <th scope="col">{t("export.when")}</th>
                    <th scope="col">{t("export.by")}</th>
                    <th scope="col">{t("export.stage")}</th>
                    <th scope="col">{t("export.reason")}</th>
                  </tr>
                </thead>
                <tbody>
                  {b.revisions.map((r) => (
                    <tr key={r.number}>
                      <td>{r.number}</td>
                      <td>{dt(r.createdAt)}</td>
                      <td>{r.authorName ?? "—"}</td>
                      <td>{t(`export.briefStatus.${r.statusAtSave}`)}</td>
                      <td>{r.reason ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            <p>
              <strong>{t("export.summary")}</strong> {b.summary}
            </p>
            <div className="text">{b.bodyText}</div>
          </article>
        ))}

        <h2 id="meetings">{t("export.meetings")}</h2>
        {data.meetings.length === 0 ? <p className="none">{t("export.noneInPeriod")}</p> : null}
        {data.meetings.map((m) => {
          const present = m.attendance.filter((a) => a.status === "present").map((a) => a.displayName);
          const absent = m.attendance.filter((a) => a.status !== "present").map((a) => a.displayName);
          return (
            <article key={m.id}>
              <h3>{m.title}</h3>
              <p className="meta">
                {dt(m.startsAt)}
                {m.place ? ` · ${m.place}` : ""} · {t(`export.meetingStatus.${m.status}`)}
                {m.isPublic ? "" : ` · ${t("export.boardOnlyMeeting")}`}
              </p>
              <p>
                <strong>{t("export.present")}</strong> {present.length ? present.join(", ") : "—"}
                <br />
                <strong>{t("export.absent")}</strong> {absent.length ? absent.join(", ") : "—"}
              </p>
              {m.minutes ? (
                <>
                  <p className="meta">
                    {t(`export.minutesStatus.${m.minutes.status}`)}
                    {m.minutes.publishedAt ? ` · ${t("export.published", { when: dt(m.minutes.publishedAt) })}` : ""}
                  </p>
                  <div className="text">{m.minutes.text}</div>
                  {m.minutes.decisions.length ? (
                    <>
                      <p>
                        <strong>{t("export.decisions")}</strong>
                      </p>
                      <ul>
                        {m.minutes.decisions.map((d) => (
                          <li key={d.id}>
                            {d.text}
                            {d.support !== null ? ` (${t("export.counts", { support: d.support ?? 0, oppose: d.oppose ?? 0, abstain: d.abstain ?? 0 })})` : ""}
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : null}
                  {m.minutes.approvals.map((a) => (
                    <table key={a.id}>
                      <caption className="meta">
                        {t("export.approvalVote", { when: dt(a.createdAt), meeting: a.meetingTitle })} ·{" "}
                        {a.passed ? t("export.result.passed") : a.quorumMet ? t("export.result.failed") : t("export.result.no_quorum")}
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">{t("export.member")}</th>
                          <th scope="col">{t("export.vote")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {a.rollCall.length ? (
                          a.rollCall.map((r) => (
                            <tr key={r.name}>
                              <td>{r.name}</td>
                              <td>{choice(r.choice, false)}</td>
                            </tr>
                          ))
                        ) : (
                          <tr>
                            <td colSpan={2}>{t("export.counts", { support: a.support, oppose: a.oppose, abstain: a.abstain })}</td>
                          </tr>
                        )}
                      </tbody>
                    </table>
                  ))}
                </>
              ) : (
                <p className="none">{t("export.noMinutes")}</p>
              )}
            </article>
          );
        })}

        <h2 id="votes">{t("export.votes")}</h2>
        <p className="meta">{t("export.votesLead")}</p>
        {data.ballots.length === 0 ? <p className="none">{t("export.noneInPeriod")}</p> : null}
        {data.ballots.map((b) => (
          <article key={b.id}>
            <h3>{b.title}</h3>
            <p className="meta">
              {b.mode === "named" ? t("export.rollCall") : t("export.informalPoll")} ·{" "}
              {t("export.window", { opens: dt(b.opensAt), closes: dt(b.closedAt ?? b.closesAt) })} ·{" "}
              {b.status === "open" ? t("export.stillOpen") : t(`export.result.${b.result ?? "failed"}`)} ·{" "}
              <a href={`${origin}${b.url}`}>{`${origin}${b.url}`}</a>
            </p>
            {b.tally ? <p>{t("export.counts", { support: b.tally.support, oppose: b.tally.oppose, abstain: b.tally.abstain })}</p> : null}
            {b.mode === "named" ? (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("export.member")}</th>
                    <th scope="col">{t("export.vote")}</th>
                    <th scope="col">{t("export.reason")}</th>
                  </tr>
                </thead>
                <tbody>
                  {b.rollCall.map((r) => (
                    <tr key={r.name}>
                      <td>{r.name}</td>
                      <td>{choice(r.choice, r.recused)}</td>
                      <td>{r.reason ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="meta">{t("export.pollNote")}</p>
            )}
          </article>
        ))}
        <p className="meta">{t("export.end")}</p>
      </body>
    </html>
  );
}

/** The export as one self-contained HTML document (styles inline, no scripts, no outside files): opens, prints and archives anywhere. */
export async function renderRecordsExport(data: RecordsExport, locale: string, origin: string) {
  const t = await getFixedT(locale, ["records", "common"]);
  return `<!DOCTYPE html>\n${renderToStaticMarkup(<ExportDocument data={data} t={t} locale={locale} origin={origin} />)}`;
}
