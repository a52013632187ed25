import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ExitThisPage } from "~/components/exit-this-page";
import { getUser, requireRole } from "~/modules/auth/index.server";
import { markReadAbout } from "~/modules/notifications/index.server";
import { formatTrackingCode, publicNoteText, publicPlaceLabel } from "~/modules/concerns";
import { concernClockByNumber, concernIdByNumber, normalizeTrackingCode, trackingByCode } from "~/modules/concerns/index.server";
import { followConcern, isFollowing, publishedResponsesForConcern, unfollowConcern } from "~/modules/responses/index.server";
import { TrackingCodeLookup } from "~/modules/concerns/ui/tracking-code-help";
import { ConcernResponses } from "~/modules/responses/ui/concern-responses";
import { formatDate, formatMonth } from "~/utils/clock";
import { badRequest, notFound } from "~/utils/errors";
import { setFlash } from "~/utils/flash.server";
import { readFormData } from "~/utils/forms.server";
import { enforceRateLimits } from "~/utils/rate-limit.server";
import { pageTitle } from "~/i18n/meta";
import { USER_CONTENT_MARK, UserContentIn } from "~/components/user-content";

export const meta: MetaFunction = (args) => [...pageTitle(args, "yourConcern"), { name: "robots", content: "noindex" }];

/** The code in the address is a secret: never stored by a shared cache, never sent on as a referrer. */
const PRIVATE = { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" };
export const headers: HeadersFunction = () => PRIVATE;

export async function loader({ params, context }: LoaderFunctionArgs) {
  // Codes are unguessable; the limit keeps anyone from trying many.
  await enforceRateLimits([`concern-track:ip:${context.clientIp}`], 60);
  const typed = (params.code ?? "").slice(0, 40);
  const code = normalizeTrackingCode(typed);
  const tracking = code ? await trackingByCode(code) : null;
  // A code that is not one, or matches nothing: help to re-check it (the same answer for any code that matches nothing).
  if (!code || !tracking)
    return json(
      { found: false as const, typed: code ? formatTrackingCode(code) : typed, problem: code ? ("notFound" as const) : ("invalid" as const) },
      { status: 404, headers: PRIVATE },
    );
  // The response clock and the office's responses (responses module); follow state for a signed-in reader.
  const user = getUser({ context });
  const concernId = await concernIdByNumber(tracking.concern.number);
  const [clock, responses, following] = await Promise.all([
    concernClockByNumber(tracking.concern.number),
    concernId ? publishedResponsesForConcern(concernId) : Promise.resolve([]),
    user && concernId ? isFollowing(concernId, user.id) : false,
    user ? markReadAbout(user.id, `/concerns/track/${code}`) : 0,
  ]);
  return json({ found: true as const, code, ...tracking, clock, responses, follow: { signedIn: Boolean(user), following } }, { headers: PRIVATE });
}

/** A signed-in resident follows (or stops following) the concern from its tracking page. */
export async function action(args: ActionFunctionArgs) {
  await enforceRateLimits([`concern-track:ip:${args.context.clientIp}`], 60);
  const user = requireRole(args, "resident");
  const code = normalizeTrackingCode(args.params.code ?? "");
  const tracking = code ? await trackingByCode(code) : null;
  const concernId = tracking ? await concernIdByNumber(tracking.concern.number) : null;
  if (!code || !concernId) notFound();
  const intent = (await readFormData(args.request)).get("intent");
  if (intent === "follow") await followConcern(concernId, user.id);
  else if (intent === "unfollow") await unfollowConcern(concernId, user.id);
  else badRequest();
  const flash = { key: intent === "follow" ? "responses:follow.followed" : "responses:follow.unfollowed" };
  return redirect(`/concerns/track/${code}`, { headers: { "Set-Cookie": await setFlash(flash) } });
}

export default function TrackPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="resident-page">
      <ExitThisPage />
      {data.found ? <Tracking data={data} /> : <NotFound typed={data.typed} problem={data.problem} />}
    </div>
  );
}

function NotFound({ typed, problem }: { typed: string; problem: "invalid" | "notFound" }) {
  const { t } = useTranslation("concerns");
  return (
    <section>
      <h1>{t("track.title")}</h1>
      <TrackingCodeLookup typed={typed} problem={problem} />
    </section>
  );
}

type Found = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { found: true }>;

function Tracking({ data }: { data: Found }) {
  const { t, i18n } = useTranslation("concerns");
  const { code, concern, history, corroboration, mergedInto, clock, responses, follow } = data;
  const lng = i18n.language;
  return (
    <section>
      <h1>{t("track.concernTitle", { number: concern.number })}</h1>
      <p className="muted">
        {t("track.codeIs")} <strong>{formatTrackingCode(code)}</strong>
      </p>
      {corroboration ? (
        <p className="alert alert-info">{t("track.corroborationNote", { day: formatDate(corroboration.day, lng), number: concern.number })}</p>
      ) : null}
      {mergedInto ? <p className="alert alert-info">{t("track.mergedNote", { number: mergedInto.number, status: t(`status.${mergedInto.status}`) })}</p> : null}
      <dl className="summary-list no-actions tracking-summary">
        <dt>{t("track.status")}</dt>
        <dd>
          <strong className="badge status-badge" data-testid="concern-status">
            {t(`status.${concern.status}`)}
          </strong>
        </dd>
        <dt>{t("track.kind")}</dt>
        <dd>{lng === "es" ? concern.kindNameEs : concern.kindNameEn}</dd>
        <dt>{t("track.where")}</dt>
        <dd>{publicPlaceLabel(concern.location, concern.zip, t)}</dd>
        <dt>{t("track.month")}</dt>
        <dd>{formatMonth(concern.observedMonth, lng)}</dd>
        <dt>{t("track.corroborations")}</dt>
        <dd>{concern.corroborations ?? t("track.corroborationsFew")}</dd>
      </dl>
      <ConcernResponses clock={clock} responses={responses} follow={follow} />
      <h2>{t("track.history")}</h2>
      <ol className="timeline">
        {history.map((h, i) => (
          <li key={i}>
            <p>
              <strong>{t(`status.${h.status}`)}</strong> · <time dateTime={h.day}>{formatDate(h.day, lng)}</time>
            </p>
            {h.publicNoteCode ? (
              <p>
                {h.publicNoteParams?.title ? (
                  <UserContentIn
                    template={publicNoteText({ ...h, publicNoteParams: { title: USER_CONTENT_MARK } }, t) ?? ""}
                    value={h.publicNoteParams.title}
                  />
                ) : (
                  publicNoteText(h, t)
                )}
              </p>
            ) : h.publicNote ? (
              <p data-user-content="">{h.publicNote}</p>
            ) : null}
          </li>
        ))}
      </ol>
      <p className="muted">{t("track.privacy")}</p>
      <p>
        <Link to="/concerns">{t("track.overviewLink")}</Link>
      </p>
    </section>
  );
}
