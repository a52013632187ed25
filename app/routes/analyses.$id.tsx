import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AnalysisDiscussion, BallotResults, StageBadge } from "~/modules/analyses/ui/analyses";
import { RadioGroup } from "~/components/form";
import { TextAreaField } from "~/components/form";
import { FormErrors } from "~/components/form";
import { handleCommentAction, isCommentIntent } from "~/modules/comments/index.server";
import { CommentThread } from "~/modules/comments/ui/comment-thread";
import type { CommentSubject } from "~/modules/comments";
import { commentThreadFor } from "~/modules/comments/index.server";
import { getAnalysis } from "~/modules/analyses/index.server";
import { analysisIdParam, readerLocale } from "~/modules/analyses/index.server";
import { RecuseSchema, VoteSchema } from "~/modules/analyses/schemas";
import { recuseFromAnalysis, voteOnAnalysis, type AnalysisVoteOutcome, type BallotKind } from "~/modules/analyses/index.server";
import { getUser, requireUser } from "~/modules/auth/index.server";
import { markReadAbout } from "~/modules/notifications/index.server";
import { hasRole } from "~/modules/auth";
import { getVoterState, listRecusals, listRollCall, tallyBallot, type Ballot } from "~/modules/voting/index.server";
import { formatDate, formatDateTime } from "~/utils/clock";
import { notFound } from "~/utils/errors";
import { setFlash } from "~/utils/flash.server";
import { readFormData, readIntent } from "~/utils/forms.server";
import { TableWrap } from "~/components/table-wrap";
import { USER_CONTENT_MARK, UserContentIn } from "~/components/user-content";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, args.data ? { text: args.data.analysis.question } : "analysis");

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
  // Opening the analysis reads the notifications about it (vote opened, closing, closed, replies).
  if (user) await markReadAbout(user.id, `/analyses/${analysis.id}`);
  const isMember = hasRole(user?.role, "cab_member");
  const now = new Date();
  /**
   * The official vote is a named roll call and part of the public record: its counts and each
   * member's choice are public once it closes (and to the board while open, if shown live).
   * The informal poll is secret: counts only, for the board, after the close.
   */
  async function view(ballot: Ballot | null, kind: BallotKind) {
    if (!ballot) return null;
    const open = ballot.status === "open" && ballot.closesAt > now;
    const closed = ballot.status === "closed";
    const showTally = kind === "vote" ? closed || (isMember && ballot.resultsVisibility === "live") : closed && isMember;
    const state = user ? await getVoterState(ballot, user.id) : null;
    return {
      kind,
      mode: ballot.mode,
      open,
      closesAt: formatDateTime(ballot.closesAt, locale, { zoneName: true }),
      opensAt: formatDateTime(ballot.opensAt, locale, { zoneName: true }),
      closedAt: ballot.closedAt ? formatDateTime(ballot.closedAt, locale, { zoneName: true }) : null,
      quorumPercent: ballot.quorumPercent,
      thresholdPercent: ballot.thresholdPercent,
      resultsVisibility: ballot.resultsVisibility,
      result: ballot.result,
      tally: showTally ? await tallyBallot(ballot) : null,
      rollCall: showTally && kind === "vote" ? await listRollCall(ballot) : [],
      recusals: isMember ? await listRecusals(ballot.id) : [],
      voter: {
        eligible: Boolean(state?.eligible),
        recusal: state?.recusal ?? null,
        vote: state?.vote ?? null,
        participated: Boolean(state?.participated),
        mayAct: Boolean(open && state?.eligible && !state.recusal && !(ballot.mode === "secret" && state.participated)),
      },
    };
  }
  const [ballot, poll] = await Promise.all([view(analysis.ballot, "vote"), view(analysis.poll, "poll")]);
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
    ballot,
    poll,
    viewer: {
      signedIn: Boolean(user),
      isMember,
      isResident: user?.role === "resident",
      isStaff: hasRole(user?.role, "csu_staff"),
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

/** Which of the proposal's ballots a form is for: the official vote unless it says the poll. */
const kindOf = (formData: FormData): BallotKind => (formData.get("ballot") === "poll" ? "poll" : "vote");

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
    return json(
      { intent: formData.get("intent") === "recuse" ? "recuse" : "vote", ballot: kindOf(formData), refusal: "not_member" as Refusal, result: null },
      { status: 403 },
    );
  }
  const intent = readIntent(formData, ["vote", "recuse"]);
  const ballot = kindOf(formData);
  const anchor = ballot === "poll" ? "#poll" : "#vote";

  if (intent === "vote") {
    const submission = parseWithZod(formData, { schema: VoteSchema });
    if (submission.status !== "success") return json({ intent, ballot, refusal: null, result: submission.reply() }, { status: 400 });
    const outcome = await voteOnAnalysis(id, user.id, submission.value.choice, submission.value.reason, ballot);
    if (!outcome.ok)
      return json({ intent, ballot, refusal: outcome.reason as Refusal, result: submission.reply() }, { status: REFUSAL_STATUS[outcome.reason] });
    return redirect(`/analyses/${id}${anchor}`, { headers: { "Set-Cookie": await setFlash({ key: "analyses:vote.recorded" }) } });
  }

  const submission = parseWithZod(formData, { schema: RecuseSchema });
  if (submission.status !== "success") return json({ intent, ballot, refusal: null, result: submission.reply() }, { status: 400 });
  const outcome = await recuseFromAnalysis(id, user.id, submission.value.conflict, args.context.clientIp, ballot);
  if (!outcome.ok) return json({ intent, ballot, refusal: outcome.reason as Refusal, result: submission.reply() }, { status: REFUSAL_STATUS[outcome.reason] });
  return redirect(`/analyses/${id}${anchor}`, { headers: { "Set-Cookie": await setFlash({ key: "analyses:recuse.done" }) } });
}

export default function AnalysisPage() {
  const { t } = useTranslation("analyses");
  const data = useLoaderData<typeof loader>();
  const { analysis, viewer } = data;
  return (
    <article>
      <p>
        <Link to="/analyses">{t("backToList")}</Link>
      </p>
      <h1 data-user-content="">{analysis.question}</h1>
      <p>
        <StageBadge stage={analysis.stage} />{" "}
        <span className="muted">
          <UserContentIn
            template={t("detail.proposedBy", {
              name: USER_CONTENT_MARK,
              role: t(`proposer.${analysis.proposerRole}`),
              date: analysis.proposedOn,
            })}
            value={analysis.proposerName ?? t("proposer.unknown")}
          />
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
      <p className="prewrap" data-user-content="">
        {analysis.whyItMatters}
      </p>
      <h2>{t("detail.dataNeeded")}</h2>
      <p className="prewrap" data-user-content="">
        {analysis.dataNeeded}
      </p>

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

      <BallotSection kind="vote" />
      {data.poll ? <BallotSection kind="poll" /> : null}

      <section aria-labelledby="progress-title">
        <h2 id="progress-title">{t("detail.progress")}</h2>
        <ol className="progress-steps">
          {data.progress.map((p) => (
            <li key={p.key}>
              <StageBadge stage={p.status} /> {p.date}
              {p.note ? (
                <span className="prewrap" data-user-content="">
                  {" "}
                  — {p.note}
                </span>
              ) : null}
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

type BallotView = NonNullable<SerializeFrom<typeof loader>["ballot"]>;

/** The official vote (named roll call, part of the public record) or the informal poll (secret, decides nothing). */
function BallotSection({ kind }: { kind: BallotKind }) {
  const { t } = useTranslation("analyses");
  const data = useLoaderData<typeof loader>();
  const all = useVoteActionData();
  const actionData = all?.ballot === kind ? all : undefined;
  const ballot = kind === "poll" ? data.poll : data.ballot;
  const headingId = kind === "poll" ? "poll" : "vote";
  return (
    <section aria-labelledby={headingId} className={`ballot ballot-${kind}`}>
      <h2 id={headingId} tabIndex={-1}>
        {kind === "poll" ? t("poll.title") : t("vote.title")}
      </h2>
      {kind === "poll" ? <p className="alert alert-info">{t("poll.notOfficial")}</p> : null}
      <div aria-live="polite">
        {actionData?.refusal ? (
          <div className="alert alert-error" role="alert">
            {t(`vote.refused.${actionData.refusal}`)}
          </div>
        ) : null}
        {/* A refused vote or recusal when its form is no longer on the page (already recused, closed): its errors here. */}
        {actionData?.result && !actionData.refusal && !ballot?.voter.mayAct ? (
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
          {ballot.result && !ballot.tally ? (
            <p>
              <strong>{t(kind === "poll" ? "poll.outcome" : "results.outcome", { result: t(`ballot.result.${ballot.result}`) })}</strong>
            </p>
          ) : null}
          {ballot.open && !ballot.tally ? <p className="muted">{t("vote.resultsHidden")}</p> : null}
          <VoterPanel ballot={ballot} />
          {ballot.tally ? (
            <BallotResults
              tally={ballot.tally}
              quorumPercent={ballot.quorumPercent}
              thresholdPercent={ballot.thresholdPercent}
              final={!ballot.open && Boolean(ballot.result)}
            />
          ) : null}
          {ballot.rollCall.length ? (
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
                  {ballot.rollCall.map((v, i) => (
                    <tr key={`${v.name}-${i}`}>
                      <th scope="row" data-user-content="">
                        {v.name}
                      </th>
                      <td>{v.choice ? t(`choice.${v.choice}`) : v.recused ? t("results.recusedMark") : t("results.didNotVote")}</td>
                      <td>{v.reason ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : null}
          {ballot.recusals.length ? (
            <>
              <h3>{t("recuse.listTitle")}</h3>
              <ul>
                {ballot.recusals.map((r) => (
                  <li key={r.name}>
                    <span data-user-content="">{r.name}</span>: <span data-user-content="">{r.conflict}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </section>
  );
}

function VoterPanel({ ballot }: { ballot: BallotView }) {
  const { t } = useTranslation("analyses");
  const { analysis, viewer } = useLoaderData<typeof loader>();
  const all = useVoteActionData();
  const actionData = all?.ballot === ballot.kind ? all : undefined;
  const voter = ballot.voter;
  const [voteForm, voteFields] = useForm({
    id: `${ballot.kind}-vote-form`,
    lastResult: actionData?.intent === "vote" ? actionData.result : null,
    defaultValue: { choice: voter.vote?.choice, reason: voter.vote?.reason ?? "" },
    constraint: getZodConstraint(VoteSchema),
  });
  const [recuseForm, recuseFields] = useForm({
    id: `${ballot.kind}-recuse-form`,
    lastResult: actionData?.intent === "recuse" ? actionData.result : null,
    constraint: getZodConstraint(RecuseSchema),
  });
  if (!viewer.signedIn) {
    return ballot.open ? (
      <p>
        <Link to={`/login?redirectTo=${encodeURIComponent(`/analyses/${analysis.id}`)}`}>{t("vote.signInToVote")}</Link>
      </p>
    ) : null;
  }
  if (viewer.isResident) return <p>{t("vote.membersOnly")}</p>;
  if (voter.recusal) return <p className="alert alert-info">{t("vote.youRecused", { conflict: voter.recusal.conflict })}</p>;
  if (!ballot.open) {
    if (voter.vote) return <p>{t("vote.yourFinalVote", { choice: t(`choice.${voter.vote.choice}`) })}</p>;
    return voter.participated ? <p>{t("vote.youVotedSecret")}</p> : null;
  }
  if (!voter.eligible) return <p>{t("vote.notEligible")}</p>;
  if (ballot.mode === "secret" && voter.participated) return <p className="alert alert-info">{t("vote.youVotedSecret")}</p>;
  return (
    <>
      {voter.vote ? <p className="alert alert-info">{t("vote.yourVote", { choice: t(`choice.${voter.vote.choice}`) })}</p> : null}
      <Form method="post" className="stack" {...getFormProps(voteForm)}>
        <input type="hidden" name="intent" value="vote" />
        <input type="hidden" name="ballot" value={ballot.kind} />
        <FormErrors id={voteForm.errorId} errors={voteForm.errors} />
        <RadioGroup
          legend={voter.vote ? t("vote.changeLegend") : t("vote.legend")}
          field={voteFields.choice}
          hint={ballot.mode === "secret" ? t("vote.secretHint") : t("vote.namedHint")}
          options={(["support", "oppose", "abstain"] as const).map((c) => ({ value: c, label: t(`choice.${c}`) }))}
        />
        {ballot.mode === "named" ? (
          <TextAreaField label={t("vote.reason")} field={voteFields.reason} hint={t("vote.reasonHint")} textareaProps={{ rows: 3 }} />
        ) : null}
        <div>
          <button type="submit">{voter.vote ? t("vote.change") : t("vote.submit")}</button>
        </div>
      </Form>
      <details className="recuse">
        <summary>{t("recuse.summary")}</summary>
        <Form method="post" className="stack" {...getFormProps(recuseForm)}>
          <input type="hidden" name="intent" value="recuse" />
          <input type="hidden" name="ballot" value={ballot.kind} />
          <p className="hint">{ballot.mode === "named" && voter.vote ? t("recuse.withdrawsVote") : t("recuse.explain")}</p>
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
