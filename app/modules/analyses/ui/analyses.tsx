import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextAreaField } from "~/components/form";
import { ProposeSchema } from "~/modules/analyses/schemas";
import type { Stage } from "~/modules/analyses";
import type { Tally } from "~/modules/voting";

export function StageBadge({ stage }: { stage: Stage }) {
  const { t } = useTranslation("analyses");
  return <span className={`badge stage-${stage}`}>{t(`stage.${stage}`)}</span>;
}

/** Counts, turnout and quorum of a ballot. Only rendered where the results may be seen. */
export function BallotResults({
  tally,
  quorumPercent,
  thresholdPercent,
  final,
}: {
  tally: Tally;
  quorumPercent: number;
  thresholdPercent: number;
  final: boolean;
}) {
  const { t } = useTranslation("analyses");
  return (
    <div className="ballot-results">
      <table>
        <caption>{final ? t("results.captionFinal") : t("results.captionLive")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("results.choice")}</th>
            <th scope="col">{t("results.votes")}</th>
          </tr>
        </thead>
        <tbody>
          {(["support", "oppose", "abstain"] as const).map((c) => (
            <tr key={c}>
              <th scope="row">{t(`choice.${c}`)}</th>
              <td>{tally[c]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="facts">
        <dt>{t("results.turnout")}</dt>
        <dd>{t("results.turnoutValue", { participants: tally.participants, denominator: tally.denominator, percent: tally.turnoutPercent })}</dd>
        <dt>{t("results.recused")}</dt>
        <dd>{tally.recused}</dd>
        <dt>{t("results.quorum")}</dt>
        <dd>{t(tally.quorumMet ? "results.quorumMet" : "results.quorumNotMet", { percent: quorumPercent })}</dd>
        <dt>{t("results.threshold")}</dt>
        <dd>{t("results.thresholdValue", { percent: thresholdPercent })}</dd>
        {final ? (
          <>
            <dt>{t("results.result")}</dt>
            <dd>
              <strong>{t(`ballot.result.${tally.result}`)}</strong>
            </dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

/**
 * Where the shared comments component mounts. The comments module is built on another
 * branch: the lead passes its rendered thread as `comments` when merging. Nothing is shown
 * until then (no placeholder comments).
 */
export function AnalysisDiscussion({ comments }: { comments?: ReactNode }) {
  const { t } = useTranslation("analyses");
  if (comments === undefined) return null;
  return (
    <section aria-labelledby="discussion-title" className="analysis-discussion">
      <h2 id="discussion-title">{t("discussion.title")}</h2>
      {comments}
    </section>
  );
}

/** The proposal form; posts to /analyses/new, which shows it again with any errors. */
export function ProposeForm({ lastResult }: { lastResult?: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation("analyses");
  const [form, fields] = useForm({
    id: "propose",
    lastResult,
    constraint: getZodConstraint(ProposeSchema),
    shouldRevalidate: "onBlur",
  });
  return (
    <Form method="post" action="/analyses/new" className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextAreaField label={t("propose.question")} field={fields.question} hint={t("propose.questionHint")} textareaProps={{ rows: 2 }} />
      <TextAreaField label={t("propose.whyItMatters")} field={fields.whyItMatters} hint={t("propose.whyItMattersHint")} />
      <TextAreaField label={t("propose.dataNeeded")} field={fields.dataNeeded} hint={t("propose.dataNeededHint")} />
      <TextAreaField label={t("propose.links")} field={fields.links} hint={t("propose.linksHint")} textareaProps={{ rows: 3 }} />
      <div>
        <button type="submit">{t("propose.submit")}</button>
      </div>
    </Form>
  );
}
