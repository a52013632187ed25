import { getFormProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDayCount } from "~/utils/clock";
import { ErrorList, Field, FormErrors } from "~/components/form";
import { TableWrap } from "~/components/table-wrap";
import { OFFENSE_CATEGORIES, RACE_ETHNICITIES } from "~/modules/metrics";
import { RichTextEditor } from "~/modules/richtext/ui/editor";

export type ResponseFormOptions = {
  policies: { id: string; kind: string; name: string; version: number; effectiveFrom: string; effectiveTo: string | null }[];
  kinds: { code: string; nameEn: string; nameEs: string }[];
  measures: { key: string; nameEn: string; nameEs: string; kind: string }[];
  waiting: { number: number; kindNameEn: string; kindNameEs: string; block: string | null; zip: string; status: string; daysWaiting: number }[];
};

export type ResponseFormDefaults = {
  title: string;
  summary: string;
  bodyJson: unknown;
  policyVersionId: string;
  criterionStatement: string;
  directNumbers: number[];
  clusterZip: string;
  clusterKind: string;
  refLink: string;
  snapshotIds: string[];
};

type Fields = {
  title: string;
  summary: string;
  body: string;
  body__text: string;
  policyVersionId: string;
  criterionStatement: string;
  concern: string[];
  concernNumbers: string;
  clusterZip: string;
  clusterKind: string;
  refLink: string;
  snapshotIds: string;
  newMeasure: string;
  newGrain: string;
  newYear: string;
  newOffense: string;
  newZip: string;
  newRace: string;
};

/** Initial value of a plain field (what was typed, after a failed post). */
const initial = (v: unknown, fallback = "") => (typeof v === "string" ? v : fallback);

/** The response's writing form (new and edit). Works without JavaScript: the body is then a textarea. */
export function ResponseForm({
  lastResult,
  defaults,
  options,
  published,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaults?: ResponseFormDefaults;
  options: ResponseFormOptions;
  published: boolean;
}) {
  const { t, i18n } = useTranslation("responses");
  const lng = i18n.language;
  const navigation = useNavigation();
  const waitingNumbers = new Set(options.waiting.map((w) => w.number));
  const checked = (defaults?.directNumbers ?? []).filter((n) => waitingNumbers.has(n)).map(String);
  const others = (defaults?.directNumbers ?? []).filter((n) => !waitingNumbers.has(n));
  const currentPolicy = options.policies.find((p) => p.kind === "documented_concern" && !p.effectiveTo)?.id ?? options.policies[0]?.id ?? "";
  const [form, fields] = useForm<Fields>({
    id: "response-form",
    lastResult,
    shouldValidate: "onBlur",
    defaultValue: {
      title: defaults?.title ?? "",
      summary: defaults?.summary ?? "",
      policyVersionId: defaults?.policyVersionId || currentPolicy,
      criterionStatement: defaults?.criterionStatement ?? "",
      concern: checked,
      concernNumbers: others.join(", "),
      clusterZip: defaults?.clusterZip ?? "",
      clusterKind: defaults?.clusterKind ?? "",
      refLink: defaults?.refLink ?? "",
      snapshotIds: (defaults?.snapshotIds ?? []).join("\n"),
    },
  });
  const bodyErrors = (form.allErrors.body ?? form.allErrors["body__text"]) as string[] | undefined;
  const typedText = typeof fields.body__text?.initialValue === "string" ? (fields.body__text.initialValue as string) : undefined;
  const summaryProps = getTextareaProps(fields.summary, { ariaAttributes: true });
  const criterionProps = getTextareaProps(fields.criterionStatement, { ariaAttributes: true });
  const snapshotProps = getTextareaProps(fields.snapshotIds, { ariaAttributes: true });
  const selected = new Set(([] as unknown[]).concat(fields.concern.initialValue ?? []).map(String));
  const describe = (id: string, errors: unknown) => [`${id}-hint`, Array.isArray(errors) && errors.length ? `${id}-error` : null].filter(Boolean).join(" ");
  const select = (name: keyof Fields) => ({
    id: fields[name].id,
    name: fields[name].name,
    defaultValue: initial(fields[name].initialValue),
    "aria-invalid": fields[name].errors?.length ? true : undefined,
    "aria-describedby": fields[name].errors?.length ? fields[name].errorId : undefined,
  });
  const kindName = (k: { nameEn: string; nameEs: string }) => (lng === "es" ? k.nameEs : k.nameEn);

  return (
    <Form method="post" className="stack response-form" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label={t("form.title")} field={fields.title} />
      <div className="field">
        <label htmlFor={fields.summary.id}>{t("form.summary")}</label>
        <p id={`${fields.summary.id}-hint`} className="hint">
          {t("form.summaryHint")}
        </p>
        <textarea {...summaryProps} key={summaryProps.key} rows={3} aria-describedby={describe(fields.summary.id, fields.summary.errors)} />
        <ErrorList id={fields.summary.errorId} errors={fields.summary.errors} />
      </div>
      <RichTextEditor
        name="body"
        id="response-body"
        label={t("form.body")}
        hint={t("form.bodyHint")}
        profile="document"
        defaultJson={defaults?.bodyJson}
        defaultText={typedText}
        errors={bodyErrors}
        rows={14}
      />

      <fieldset>
        <legend>{t("form.policyLegend")}</legend>
        <div className="field">
          <label htmlFor={fields.policyVersionId.id}>{t("form.policy")}</label>
          <select {...select("policyVersionId")} key={fields.policyVersionId.key}>
            {options.policies.map((p) => (
              <option key={p.id} value={p.id}>
                {t(`policyKinds.${p.kind}`)}: {t("policyLabel", { name: p.name, version: p.version })} ({p.effectiveFrom} – {p.effectiveTo ?? "…"})
              </option>
            ))}
          </select>
          <ErrorList id={fields.policyVersionId.errorId} errors={fields.policyVersionId.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.criterionStatement.id}>{t("form.criterion")}</label>
          <p id={`${fields.criterionStatement.id}-hint`} className="hint">
            {t("form.criterionHint")}
          </p>
          <textarea
            {...criterionProps}
            key={criterionProps.key}
            rows={4}
            aria-describedby={describe(fields.criterionStatement.id, fields.criterionStatement.errors)}
          />
          <ErrorList id={fields.criterionStatement.errorId} errors={fields.criterionStatement.errors} />
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("form.concernsLegend")}</legend>
        <p className="hint">{published ? t("form.concernsPublishedHint") : t("form.concernsHint")}</p>
        {options.waiting.length ? (
          <TableWrap label={t("form.waitingCaption")}>
            <table>
              <caption>{t("form.waitingCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("form.link")}</th>
                  <th scope="col">{t("form.number")}</th>
                  <th scope="col">{t("form.kind")}</th>
                  <th scope="col">{t("form.where")}</th>
                  <th scope="col">{t("form.status")}</th>
                  <th scope="col">{t("form.daysWaiting")}</th>
                </tr>
              </thead>
              <tbody>
                {options.waiting.map((w) => (
                  <tr key={w.number}>
                    <td>
                      <input
                        type="checkbox"
                        name="concern"
                        value={w.number}
                        id={`concern-${w.number}`}
                        defaultChecked={selected.has(String(w.number))}
                        aria-label={t("form.linkOne", { number: w.number })}
                      />
                    </td>
                    <th scope="row">#{w.number}</th>
                    <td>{lng === "es" ? w.kindNameEs : w.kindNameEn}</td>
                    <td>
                      {w.block ?? "—"}, {w.zip}
                    </td>
                    <td>{t(`concerns:status.${w.status}`)}</td>
                    <td>{formatDayCount(w.daysWaiting, lng)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : null}
        <ErrorList id={fields.concern.errorId} errors={fields.concern.errors} />
        <Field label={t("form.concernNumbers")} field={fields.concernNumbers} hint={t("form.concernNumbersHint")} />
        <div className="field-row">
          <Field label={t("form.clusterZip")} field={fields.clusterZip} hint={t("form.clusterHint")} inputProps={{ inputMode: "numeric", maxLength: 5 }} />
          <div className="field">
            <label htmlFor={fields.clusterKind.id}>{t("form.clusterKind")}</label>
            <select {...select("clusterKind")} key={fields.clusterKind.key}>
              <option value="">{t("form.noCluster")}</option>
              {options.kinds.map((k) => (
                <option key={k.code} value={k.code}>
                  {kindName(k)}
                </option>
              ))}
            </select>
            <ErrorList id={fields.clusterKind.errorId} errors={fields.clusterKind.errors} />
          </div>
        </div>
        <Field label={t("form.refLink")} field={fields.refLink} hint={t("form.refLinkHint")} />
      </fieldset>

      <fieldset>
        <legend>{t("form.snapshotsLegend")}</legend>
        <div className="field">
          <label htmlFor={fields.snapshotIds.id}>{t("form.snapshotIds")}</label>
          <p id={`${fields.snapshotIds.id}-hint`} className="hint">
            {t("form.snapshotIdsHint")}
          </p>
          <textarea {...snapshotProps} key={snapshotProps.key} rows={3} aria-describedby={describe(fields.snapshotIds.id, fields.snapshotIds.errors)} />
          <ErrorList id={fields.snapshotIds.errorId} errors={fields.snapshotIds.errors} />
        </div>
        <p className="hint">{t("form.newSnapshotHint")}</p>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor={fields.newMeasure.id}>{t("form.newMeasure")}</label>
            <select {...select("newMeasure")} key={fields.newMeasure.key}>
              <option value="">{t("form.noNewSnapshot")}</option>
              {options.measures.map((m) => (
                <option key={m.key} value={m.key}>
                  {kindName(m)}
                </option>
              ))}
            </select>
            <ErrorList id={fields.newMeasure.errorId} errors={fields.newMeasure.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.newGrain.id}>{t("form.newGrain")}</label>
            <select {...select("newGrain")} key={fields.newGrain.key}>
              {(["year", "quarter", "month"] as const).map((g) => (
                <option key={g} value={g}>
                  {t(`metrics:dashboard.grains.${g}`)}
                </option>
              ))}
            </select>
          </div>
          <Field label={t("form.newYear")} field={fields.newYear} inputProps={{ inputMode: "numeric", maxLength: 4 }} />
          <div className="field">
            <label htmlFor={fields.newOffense.id}>{t("metrics:dims.offense")}</label>
            <select {...select("newOffense")} key={fields.newOffense.key}>
              <option value="">{t("metrics:dashboard.all")}</option>
              {OFFENSE_CATEGORIES.map((v) => (
                <option key={v} value={v}>
                  {t(`metrics:values.offense.${v}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={fields.newRace.id}>{t("metrics:dims.race")}</label>
            <select {...select("newRace")} key={fields.newRace.key}>
              <option value="">{t("metrics:dashboard.all")}</option>
              {RACE_ETHNICITIES.map((v) => (
                <option key={v} value={v}>
                  {t(`metrics:values.race.${v}`)}
                </option>
              ))}
            </select>
          </div>
          <Field label={t("metrics:dims.zip")} field={fields.newZip} inputProps={{ inputMode: "numeric", maxLength: 5 }} />
        </div>
      </fieldset>

      <div className="actions">
        <button type="submit" name="intent" value="save" className={published ? undefined : "secondary"} disabled={navigation.state === "submitting"}>
          {published ? t("form.save") : t("form.saveDraft")}
        </button>
        {!published ? (
          <button type="submit" name="intent" value="publish" disabled={navigation.state === "submitting"} aria-describedby="publish-hint">
            {t("form.publish")}
          </button>
        ) : null}
      </div>
      {!published ? (
        <p className="hint" id="publish-hint">
          {t("form.publishHint")}
        </p>
      ) : null}
    </Form>
  );
}
