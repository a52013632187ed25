import { getFormProps, getSelectProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { BallotResults, StageBadge } from "~/modules/analyses/ui/analyses";
import { RadioGroup } from "~/components/form";
import { TextAreaField } from "~/components/form";
import { ErrorList, Field, FormErrors } from "~/components/form";
import { getAnalysis } from "~/modules/analyses/index.server";
import { analysisIdParam, readerLocale } from "~/modules/analyses/index.server";
import { DecisionSchema, OpenVoteSchema, VoteSettingsSchema } from "~/modules/analyses/schemas";
import { changeAnalysisVoteSettings, decideAnalysis, openAnalysisVote, type BallotKind } from "~/modules/analyses/index.server";
import { NEXT_STATUSES } from "~/modules/analyses";
import { requireRole } from "~/modules/auth/index.server";
import { tallyBallot, type Ballot } from "~/modules/voting/index.server";
import { COUNTY_TIME_ZONE, countyDateTimeToDate, formatDateTime, toCountyDateTimeValue } from "~/utils/clock";
import { notFound } from "~/utils/errors";
import { setFlash } from "~/utils/flash.server";
import { readFormData, readIntent } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "manageAnalysis");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  const id = analysisIdParam(args.params.id);
  const locale = await readerLocale(args.request, args.context);
  const analysis = await getAnalysis(id);
  if (!analysis) notFound();
  const timeZone = COUNTY_TIME_ZONE;
  async function view(ballot: Ballot | null, kind: BallotKind) {
    if (!ballot) return null;
    const tally = await tallyBallot(ballot);
    const showCounts = ballot.status === "closed" || ballot.resultsVisibility === "live";
    return {
      kind,
      open: ballot.status === "open",
      mode: ballot.mode,
      closesAt: formatDateTime(ballot.closesAt, locale, { zoneName: true }),
      closesAtValue: toCountyDateTimeValue(ballot.closesAt, timeZone),
      quorumPercent: ballot.quorumPercent,
      thresholdPercent: ballot.thresholdPercent,
      resultsVisibility: ballot.resultsVisibility,
      result: ballot.result,
      // Staff follow turnout while a vote is open; the counts wait for the close unless the vote shows them live.
      participation: { participants: tally.participants, denominator: tally.denominator },
      tally: showCounts ? tally : null,
    };
  }
  const [ballot, poll] = await Promise.all([view(analysis.ballot, "vote"), view(analysis.poll, "poll")]);
  return json({
    analysis: { id: analysis.id, question: analysis.question, stage: analysis.stage, status: analysis.status, resultBriefSlug: analysis.resultBriefSlug },
    timeZone,
    defaults: { closesAt: toCountyDateTimeValue(new Date(Date.now() + 7 * 24 * 60 * 60 * 1000), timeZone) },
    ballot,
    poll,
    // What can still be opened on a proposal: its official vote and/or its informal poll.
    openable: analysis.status === "proposed" ? ([...(ballot ? [] : ["named"]), ...(poll ? [] : ["secret"])] as ("named" | "secret")[]) : [],
    // Deciding a proposal rests on its official vote, once closed (never on the informal poll).
    nextStatuses: analysis.status === "proposed" && (!ballot || ballot.open) ? [] : NEXT_STATUSES[analysis.status],
  });
}

const refusalKey = (reason: string) => `analyses:manage.refused.${reason}`;

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const id = analysisIdParam(args.params.id);
  const actor = { id: user.id, ipAddress: args.context.clientIp };
  const formData = await readFormData(args.request);
  const intent = readIntent(formData, ["open-vote", "vote-settings", "decision"]);

  if (intent === "open-vote") {
    const submission = parseWithZod(formData, { schema: OpenVoteSchema });
    if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
    const closesAt = countyDateTimeToDate(submission.value.closesAt);
    if (!closesAt) return json({ intent, result: submission.reply({ fieldErrors: { closesAt: ["analyses:errors.dateTime"] } }) }, { status: 400 });
    const opened = await openAnalysisVote(actor, id, { ...submission.value, closesAt });
    if (!opened.ok) {
      const field =
        opened.reason === "closes_in_past" ? { fieldErrors: { closesAt: [refusalKey(opened.reason)] } } : { formErrors: [refusalKey(opened.reason)] };
      return json({ intent, result: submission.reply(field) }, { status: opened.reason === "not_found" ? 404 : 409 });
    }
    return redirect(`/analyses/${id}/manage`, { headers: { "Set-Cookie": await setFlash({ key: "analyses:manage.voteOpened" }) } });
  }

  if (intent === "vote-settings") {
    const ballot: BallotKind = formData.get("ballot") === "poll" ? "poll" : "vote";
    const submission = parseWithZod(formData, { schema: VoteSettingsSchema });
    if (submission.status !== "success") return json({ intent, ballot, result: submission.reply() }, { status: 400 });
    const closesAt = countyDateTimeToDate(submission.value.closesAt);
    if (!closesAt) return json({ intent, ballot, result: submission.reply({ fieldErrors: { closesAt: ["analyses:errors.dateTime"] } }) }, { status: 400 });
    const changed = await changeAnalysisVoteSettings(actor, id, { ...submission.value, closesAt }, ballot);
    if (!changed.ok) return json({ intent, ballot, result: submission.reply({ formErrors: [refusalKey(changed.reason)] }) }, { status: 409 });
    return redirect(`/analyses/${id}/manage`, { headers: { "Set-Cookie": await setFlash({ key: "analyses:manage.settingsSaved" }) } });
  }

  if (intent === "decision") {
    const submission = parseWithZod(formData, { schema: DecisionSchema });
    if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
    const decided = await decideAnalysis(actor, id, submission.value);
    if (!decided.ok) {
      const fieldFor: Record<string, string> = { reason_required: "note", brief_required: "brief", brief_invalid: "brief" };
      const field = fieldFor[decided.reason];
      const reply = field ? { fieldErrors: { [field]: [refusalKey(decided.reason)] } } : { formErrors: [refusalKey(decided.reason)] };
      return json({ intent, result: submission.reply(reply) }, { status: decided.reason === "not_found" ? 404 : 409 });
    }
    return redirect(`/analyses/${id}/manage`, { headers: { "Set-Cookie": await setFlash({ key: "analyses:manage.decisionSaved" }) } });
  }

  return json({ intent, result: null }, { status: 400 });
}

export default function ManageAnalysis() {
  const { t } = useTranslation("analyses");
  const data = useLoaderData<typeof loader>();
  const { analysis } = data;
  return (
    <section>
      <p>
        <Link to={`/analyses/${analysis.id}`}>{t("manage.back")}</Link>
      </p>
      <h1>{t("manage.title")}</h1>
      <p className="lead">{analysis.question}</p>
      <p>
        <StageBadge stage={analysis.stage} />
      </p>

      <HiddenFormErrors />
      {data.openable.length ? <OpenVoteForm /> : null}
      {data.ballot ? <ManagedBallot ballot={data.ballot} /> : null}
      {data.poll ? <ManagedBallot ballot={data.poll} /> : null}

      {data.nextStatuses.length ? <DecisionForm /> : null}
    </section>
  );
}

/** A refusal for a form that is not on the page any more (e.g. a decision while the vote is still open). */
function HiddenFormErrors() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (!actionData?.result) return null;
  const shown: Record<string, boolean> = {
    "open-vote": data.openable.length > 0,
    "vote-settings": Boolean(data.ballot?.open || data.poll?.open),
    decision: data.nextStatuses.length > 0,
  };
  if (shown[actionData.intent]) return null;
  // The form is not there to show its field errors by its fields: all of them, here.
  const errors = [...new Set(Object.values(actionData.result.error ?? {}).flatMap((e) => (e as string[] | null) ?? []))];
  return <FormErrors errors={errors} />;
}

type ManagedView = NonNullable<SerializeFrom<typeof loader>["ballot"]>;

function ManagedBallot({ ballot }: { ballot: ManagedView }) {
  const { t } = useTranslation("analyses");
  const headingId = `${ballot.kind}-title`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{ballot.kind === "poll" ? t("poll.title") : t("vote.title")}</h2>
      {ballot.kind === "poll" ? <p className="alert alert-info">{t("poll.notOfficial")}</p> : null}
      <p>
        {ballot.open ? t("vote.openUntil", { date: ballot.closesAt }) : t("vote.closedOn", { date: ballot.closesAt })} {t(`vote.mode.${ballot.mode}`)}
      </p>
      <p>{t("manage.turnout", { participants: ballot.participation.participants, denominator: ballot.participation.denominator })}</p>
      {ballot.tally ? (
        <BallotResults tally={ballot.tally} quorumPercent={ballot.quorumPercent} thresholdPercent={ballot.thresholdPercent} final={!ballot.open} />
      ) : (
        <p className="muted">{t("vote.resultsHidden")}</p>
      )}
      {ballot.open ? <VoteSettingsForm ballot={ballot} /> : null}
    </section>
  );
}

function TimeZoneHint() {
  const { t } = useTranslation("analyses");
  const { timeZone } = useLoaderData<typeof loader>();
  return <>{t("manage.closesAtHint", { timeZone })}</>;
}

function OpenVoteForm() {
  const { t } = useTranslation("analyses");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof OpenVoteSchema>>({
    id: "open-vote",
    lastResult: actionData?.intent === "open-vote" ? actionData.result : null,
    constraint: getZodConstraint(OpenVoteSchema),
    defaultValue: { closesAt: data.defaults.closesAt, quorumPercent: "50", thresholdPercent: "50", mode: data.openable[0], resultsVisibility: "after_close" },
  });
  return (
    <section aria-labelledby="open-vote-title">
      <h2 id="open-vote-title">{t("manage.openTitle")}</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="open-vote" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t("manage.closesAt")} field={fields.closesAt} type="datetime-local" hint={<TimeZoneHint />} inputProps={{ step: 1 }} />
        <Field label={t("manage.quorum")} field={fields.quorumPercent} type="number" hint={t("manage.quorumHint")} inputProps={{ min: 0, max: 100 }} />
        <Field label={t("manage.threshold")} field={fields.thresholdPercent} type="number" hint={t("manage.thresholdHint")} inputProps={{ min: 0, max: 99 }} />
        <RadioGroup
          legend={t("manage.mode")}
          field={fields.mode}
          options={data.openable.map((mode) =>
            mode === "named"
              ? { value: "named", label: t("manage.modeNamed"), hint: t("manage.modeNamedHint") }
              : { value: "secret", label: t("manage.modeSecret"), hint: t("manage.modeSecretHint") },
          )}
        />
        <RadioGroup
          legend={t("manage.visibility")}
          field={fields.resultsVisibility}
          options={[
            { value: "after_close", label: t("manage.visibilityAfterClose") },
            { value: "live", label: t("manage.visibilityLive"), hint: t("manage.visibilityLiveHint") },
          ]}
        />
        <div>
          <button type="submit">{t("manage.openSubmit")}</button>
        </div>
      </Form>
    </section>
  );
}

function VoteSettingsForm({ ballot }: { ballot: ManagedView }) {
  const { t } = useTranslation("analyses");
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof VoteSettingsSchema>>({
    id: `${ballot.kind}-vote-settings`,
    lastResult: actionData?.intent === "vote-settings" && actionData.ballot === ballot.kind ? actionData.result : null,
    constraint: getZodConstraint(VoteSettingsSchema),
    defaultValue: {
      closesAt: ballot?.closesAtValue,
      quorumPercent: String(ballot?.quorumPercent ?? ""),
      thresholdPercent: String(ballot?.thresholdPercent ?? ""),
      resultsVisibility: ballot?.resultsVisibility,
    },
  });
  return (
    <>
      <h3 id={`${ballot.kind}-settings-title`}>{t("manage.settingsTitle")}</h3>
      <Form method="post" className="stack" aria-labelledby={`${ballot.kind}-settings-title`} {...getFormProps(form)}>
        <input type="hidden" name="intent" value="vote-settings" />
        <input type="hidden" name="ballot" value={ballot.kind} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t("manage.closesAt")} field={fields.closesAt} type="datetime-local" hint={<TimeZoneHint />} inputProps={{ step: 1 }} />
        <Field label={t("manage.quorum")} field={fields.quorumPercent} type="number" hint={t("manage.lockedHint")} inputProps={{ min: 0, max: 100 }} />
        <Field label={t("manage.threshold")} field={fields.thresholdPercent} type="number" hint={t("manage.thresholdHint")} inputProps={{ min: 0, max: 99 }} />
        {ballot.mode === "named" ? (
          <RadioGroup
            legend={t("manage.visibility")}
            field={fields.resultsVisibility}
            options={[
              { value: "after_close", label: t("manage.visibilityAfterClose") },
              { value: "live", label: t("manage.visibilityLive"), hint: t("manage.visibilityLiveHint") },
            ]}
          />
        ) : (
          <input type="hidden" name="resultsVisibility" value="after_close" />
        )}
        <div>
          <button type="submit">{t("manage.settingsSubmit")}</button>
        </div>
      </Form>
    </>
  );
}

function DecisionForm() {
  const { t } = useTranslation("analyses");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof DecisionSchema>>({
    id: "decision",
    lastResult: actionData?.intent === "decision" ? actionData.result : null,
    constraint: getZodConstraint(DecisionSchema),
    defaultValue: { brief: data.analysis.resultBriefSlug ?? "" },
  });
  const select = getSelectProps(fields.status);
  return (
    <section aria-labelledby="decision-title">
      <h2 id="decision-title">{data.analysis.status === "proposed" ? t("manage.decisionTitle") : t("manage.progressTitle")}</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="decision" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="field">
          <label htmlFor={fields.status.id}>{t("manage.status")}</label>
          <select
            {...select}
            key={select.key}
            aria-invalid={fields.status.errors?.length ? true : undefined}
            aria-describedby={fields.status.errors?.length ? fields.status.errorId : undefined}
          >
            <option value="">{t("manage.chooseStatus")}</option>
            {data.nextStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`stage.${s}`)}
              </option>
            ))}
          </select>
          <ErrorList id={fields.status.errorId} errors={fields.status.errors} />
        </div>
        <TextAreaField label={t("manage.note")} field={fields.note} hint={t("manage.noteHint")} textareaProps={{ rows: 3 }} />
        <Field label={t("manage.brief")} field={fields.brief} hint={t("manage.briefHint")} />
        <div>
          <button type="submit">{t("manage.decisionSubmit")}</button>
        </div>
      </Form>
    </section>
  );
}
