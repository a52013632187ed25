import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, RadioGroup, TextAreaField } from "~/components/form";
import { TableWrap } from "~/components/table-wrap";
import { analysisIdParam, getAnalysis, readerLocale, recuseFromAnalysis, voteOnAnalysis, type AnalysisVoteOutcome } from "~/modules/analyses/index.server";
import { RecuseSchema, VoteSchema } from "~/modules/analyses/schemas";
import { AnalysisDiscussion, BallotResults, StageBadge } from "~/modules/analyses/ui/analyses";
import { hasRole } from "~/modules/auth";
import { getUser, requireUser } from "~/modules/auth/index.server";
import type { CommentSubject } from "~/modules/comments";
import { commentThreadFor, handleCommentAction, isCommentIntent } from "~/modules/comments/index.server";
import { CommentThread } from "~/modules/comments/ui/comment-thread";
import { getVoterState, listNamedVotes, listRecusals, tallyBallot } from "~/modules/voting/index.server";
import { formatDate, formatDateTime } from "~/utils/clock";
import { notFound } from "~/utils/errors";
import { setFlash } from "~/utils/flash.server";
import { readFormData, readIntent } from "~/utils/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.analysis.question} · CAB Portal` : "Analysis · CAB Portal" }];

/** The board discusses a proposal in the shared comment thread; only CAB members and staff write. */
function analysisSubject(analysis: { id: string; question: string }): CommentSubject {
  return { type: "analysis", id: analysis.id, title: analysis.question, url: `/analyses/${analysis.id}`, audience: "cab", open: true };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const id = analysisIdParam(params.id);
  const user = getUser({ context });
  const locale = await readerLocale(request, context);
  const analysis = await getAnalysis(id);
  if (!analysis) notFound();
  const isMember = hasRole(user?.role, "cab_member");
  const ballot = analysis.ballot;
  const now = new Date();
  const open = ballot?.status === "open" && ballot.closesAt > now;
  // Counts are for the board: members and staff see them after the close (or live, if so set).
  const showTally = Boolean(ballot && isMember && (ballot.status === "closed" || ballot.resultsVisibility === "live"));
  const tally = ballot && showTally ? await tallyBallot(ballot) : null;
  const state = ballot && user ? await getVoterState(ballot, user.id) : null;
  const namedVotes = ballot && showTally ? await listNamedVotes(ballot) : [];
  const recusals = ballot && isMember ? await listRecusals(ballot.id) : [];
  const mayAct = Boolean(open && state?.eligible && !state.recusal && !(ballot?.mode === "secret" && state.participated));
  const comments = await commentThreadFor(request, user, analysisSubject(analysis));
  return json({
    locale,
    comments,
    analysis: {
      id: analysis.id,
      question: analysis.question,
      whyItMatters: analysis.whyItMatters,
      dataNeeded: analysis.dataNeeded,
      proposerName: analysis.proposerName,
      proposerRole: analysis.proposerRole,
      proposedOn: formatDate(analysis.createdAt, locale),
      stage: analysis.stage,
      status: analysis.status,
      resultBriefSlug: analysis.resultBriefSlug,
    },
    // What prompted it (concerns, comments) is for the board, not the public page.
    links: isMember ? analysis.links.map((l) => ({ type: l.subjectType, url: l.url, label: l.label ?? `${l.subjectType} ${l.subjectId}` })) : null,
    progress: analysis.progress.map((p, i) => ({ key: i, status: p.status, note: p.note, briefSlug: p.briefSlug, date: formatDate(p.createdAt, locale) })),
    ballot: ballot
      ? {
          mode: ballot.mode,
          open,
          closesAt: formatDateTime(ballot.closesAt, locale, { zoneName: true }),
          opensAt: formatDateTime(ballot.opensAt, locale, { zoneName: true }),
          closedAt: ballot.closedAt ? formatDateTime(ballot.closedAt, locale, { zoneName: true }) : null,
          quorumPercent: ballot.quorumPercent,
          thresholdPercent: ballot.thresholdPercent,
          resultsVisibility: ballot.resultsVisibility,
          result: ballot.result,
        }
      : null,
    tally,
    namedVotes,
    recusals,
    viewer: {
      signedIn: Boolean(user),
      isMember,
      isResident: user?.role === "resident",
      isStaff: hasRole(user?.role, "csu_staff"),
      eligible: Boolean(state?.eligible),
      recusal: state?.recusal ?? null,
      vote: state?.vote ?? null,
      participated: Boolean(state?.participated),
      mayAct,
    },
  });
}

type Refusal = Exclude<AnalysisVoteOutcome, { ok: true }>["reason"] | "not_member";

const REFUSAL_STATUS: Record<Refusal, number> = {
  not_member: 403,
  not_eligible: 403,
  recused: 403,
  already_recused: 409,
  closed: 409,
  not_open_yet: 409,
  already_voted_secret: 409,
  no_vote: 409,
  not_found: 404,
};

export async function action(args: ActionFunctionArgs) {
  const id = analysisIdParam(args.params.id);
  const formData = await readFormData(args.request);
  if (isCommentIntent(formData.get("intent"))) {
    const analysis = await getAnalysis(id);
    if (!analysis) notFound();
    return handleCommentAction(args, analysisSubject(analysis), formData);
  }
  const user = requireUser(args);
  // Residents (and anyone below CAB member) are told plainly, not shown an error page.
  if (!hasRole(user.role, "cab_member")) {
    return json({ intent: formData.get("intent") === "recuse" ? "recuse" : "vote", refusal: "not_member" as Refusal, result: null }, { status: 403 });
  }
  const intent = readIntent(formData, ["vote", "recuse"]);

  if (intent === "vote") {
    const submission = parseWithZod(formData, { schema: VoteSchema });
    if (submission.status !== "success") return json({ intent, refusal: null, result: submission.reply() }, { status: 400 });
    const outcome = await voteOnAnalysis(id, user.id, submission.value.choice, submission.value.reason);
    if (!outcome.ok) return json({ intent, refusal: outcome.reason as Refusal, result: submission.reply() }, { status: REFUSAL_STATUS[outcome.reason] });
    return redirect(`/analyses/${id}#vote`, { headers: { "Set-Cookie": await setFlash({ key: "analyses:vote.recorded" }) } });
  }

  const submission = parseWithZod(formData, { schema: RecuseSchema });
  if (submission.status !== "success") return json({ intent, refusal: null, result: submission.reply() }, { status: 400 });
  const outcome = await recuseFromAnalysis(id, user.id, submission.value.conflict, args.context.clientIp);
  if (!outcome.ok) return json({ intent, refusal: outcome.reason as Refusal, result: submission.reply() }, { status: REFUSAL_STATUS[outcome.reason] });
  return redirect(`/analyses/${id}#vote`, { headers: { "Set-Cookie": await setFlash({ key: "analyses:recuse.done" }) } });
}

export default function AnalysisPage() {
  const { t } = useTranslation("analyses");
  const data = useLoaderData<typeof loader>();
  const actionData = useVoteActionData();
  const { analysis, ballot, viewer } = data;
  return (
    <article>
      <p>
        <Link to="/analyses">{t("backToList")}</Link>
      </p>
      <h1>{analysis.question}</h1>
      <p>
        <StageBadge stage={analysis.stage} />{" "}
        <span className="muted">
          {t("detail.proposedBy", {
            name: analysis.proposerName ?? t("proposer.unknown"),
            role: t(`proposer.${analysis.proposerRole}`),
            date: analysis.proposedOn,
          })}
        </span>
      </p>
      {viewer.isStaff ? (
        <p>
          <Link className="button secondary" to={`/analyses/${analysis.id}/manage`}>
            {t("detail.manage")}
          </Link>
        </p>
      ) : null}

      <h2>{t("detail.whyItMatters")}</h2>
      <p className="prewrap">{analysis.whyItMatters}</p>
      <h2>{t("detail.dataNeeded")}</h2>
      <p className="prewrap">{analysis.dataNeeded}</p>

      {data.links ? (
        <>
          <h2>{t("detail.links")}</h2>
          {data.links.length ? (
            <ul>
              {data.links.map((l) => (
                <li key={l.url}>
                  <span className="badge">{t(`linkType.${l.type}`)}</span> <a href={l.url}>{l.label}</a>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("detail.noLinks")}</p>
          )}
        </>
      ) : null}

      <section aria-labelledby="vote" className="ballot">
        <h2 id="vote" tabIndex={-1}>
          {t("vote.title")}
        </h2>
        <div aria-live="polite">
          {actionData?.refusal ? (
            <div className="alert alert-error" role="alert">
              {t(`vote.refused.${actionData.refusal}`)}
            </div>
          ) : null}
          {/* A refused vote or recusal when its form is no longer on the page (already recused, closed): its errors here. */}
          {actionData?.result && !actionData.refusal && !viewer.mayAct ? (
            <FormErrors
              errors={[...new Set(Object.values((actionData.result as { error?: Record<string, string[] | null> }).error ?? {}).flatMap((e) => e ?? []))]}
            />
          ) : null}
        </div>
        {!ballot ? (
          <p>{t("vote.none")}</p>
        ) : (
          <>
            <p>
              {ballot.open ? t("vote.openUntil", { date: ballot.closesAt }) : t("vote.closedOn", { date: ballot.closedAt ?? ballot.closesAt })}{" "}
              {t(`vote.mode.${ballot.mode}`)}
            </p>
            <p className="muted">{t("vote.rules", { quorum: ballot.quorumPercent, threshold: ballot.thresholdPercent })}</p>
            {ballot.result && !data.tally ? (
              <p>
                <strong>{t("results.outcome", { result: t(`ballot.result.${ballot.result}`) })}</strong>
              </p>
            ) : null}
            {ballot.open && !data.tally ? <p className="muted">{t("vote.resultsHidden")}</p> : null}
            <VoterPanel />
            {data.tally ? (
              <BallotResults
                tally={data.tally}
                quorumPercent={ballot.quorumPercent}
                thresholdPercent={ballot.thresholdPercent}
                final={!ballot.open && Boolean(ballot.result)}
              />
            ) : null}
            {data.namedVotes.length ? (
              <TableWrap>
                <table>
                  <caption>{t("results.namedCaption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("results.member")}</th>
                      <th scope="col">{t("results.choice")}</th>
                      <th scope="col">{t("results.reason")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.namedVotes.map((v) => (
                      <tr key={v.name}>
                        <th scope="row">{v.name}</th>
                        <td>{t(`choice.${v.choice}`)}</td>
                        <td>{v.reason ?? ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            ) : null}
            {data.recusals.length ? (
              <>
                <h3>{t("recuse.listTitle")}</h3>
                <ul>
                  {data.recusals.map((r) => (
                    <li key={r.name}>
                      {r.name}: {r.conflict}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="progress-title">
        <h2 id="progress-title">{t("detail.progress")}</h2>
        <ol className="progress-steps">
          {data.progress.map((p) => (
            <li key={p.key}>
              <StageBadge stage={p.status} /> {p.date}
              {p.note ? <span className="prewrap"> — {p.note}</span> : null}
              {p.briefSlug ? (
                <>
                  {" "}
                  — <a href={`/briefs/${p.briefSlug}`}>{t("detail.resultBrief")}</a>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      <AnalysisDiscussion comments={<CommentThread thread={data.comments.thread} permissions={data.comments.permissions} locale={data.locale} />} />
    </article>
  );
}

function VoterPanel() {
  const { t } = useTranslation("analyses");
  const { analysis, ballot, viewer } = useLoaderData<typeof loader>();
  const actionData = useVoteActionData();
  const [voteForm, voteFields] = useForm({
    id: "vote-form",
    lastResult: actionData?.intent === "vote" ? actionData.result : null,
    defaultValue: { choice: viewer.vote?.choice, reason: viewer.vote?.reason ?? "" },
    constraint: getZodConstraint(VoteSchema),
  });
  const [recuseForm, recuseFields] = useForm({
    id: "recuse-form",
    lastResult: actionData?.intent === "recuse" ? actionData.result : null,
    constraint: getZodConstraint(RecuseSchema),
  });
  if (!ballot) return null;
  if (!viewer.signedIn) {
    return ballot.open ? (
      <p>
        <Link to={`/login?redirectTo=${encodeURIComponent(`/analyses/${analysis.id}`)}`}>{t("vote.signInToVote")}</Link>
      </p>
    ) : null;
  }
  if (viewer.isResident) return <p>{t("vote.membersOnly")}</p>;
  if (viewer.recusal) return <p className="alert alert-info">{t("vote.youRecused", { conflict: viewer.recusal.conflict })}</p>;
  if (!ballot.open) {
    if (viewer.vote) return <p>{t("vote.yourFinalVote", { choice: t(`choice.${viewer.vote.choice}`) })}</p>;
    return viewer.participated ? <p>{t("vote.youVotedSecret")}</p> : null;
  }
  if (!viewer.eligible) return <p>{t("vote.notEligible")}</p>;
  if (ballot.mode === "secret" && viewer.participated) return <p className="alert alert-info">{t("vote.youVotedSecret")}</p>;
  return (
    <>
      {viewer.vote ? <p className="alert alert-info">{t("vote.yourVote", { choice: t(`choice.${viewer.vote.choice}`) })}</p> : null}
      <Form method="post" className="stack" {...getFormProps(voteForm)}>
        <input type="hidden" name="intent" value="vote" />
        <FormErrors id={voteForm.errorId} errors={voteForm.errors} />
        <RadioGroup
          legend={viewer.vote ? t("vote.changeLegend") : t("vote.legend")}
          field={voteFields.choice}
          hint={ballot.mode === "secret" ? t("vote.secretHint") : t("vote.namedHint")}
          options={(["support", "oppose", "abstain"] as const).map((c) => ({ value: c, label: t(`choice.${c}`) }))}
        />
        {ballot.mode === "named" ? (
          <TextAreaField label={t("vote.reason")} field={voteFields.reason} hint={t("vote.reasonHint")} textareaProps={{ rows: 3 }} />
        ) : null}
        <div>
          <button type="submit">{viewer.vote ? t("vote.change") : t("vote.submit")}</button>
        </div>
      </Form>
      <details className="recuse">
        <summary>{t("recuse.summary")}</summary>
        <Form method="post" className="stack" {...getFormProps(recuseForm)}>
          <input type="hidden" name="intent" value="recuse" />
          <p className="hint">{ballot.mode === "named" && viewer.vote ? t("recuse.withdrawsVote") : t("recuse.explain")}</p>
          <TextAreaField label={t("recuse.conflict")} field={recuseFields.conflict} textareaProps={{ rows: 3 }} />
          <div>
            <button type="submit" className="secondary">
              {t("recuse.submit")}
            </button>
          </div>
        </Form>
      </details>
    </>
  );
}

/** The vote/recusal answer of the action (comment answers are read by <CommentThread> itself). */
function useVoteActionData() {
  const data = useActionData<typeof action>();
  return data && "intent" in data ? data : undefined;
}
