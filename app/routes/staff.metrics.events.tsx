import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, ErrorSummary, Field, TextAreaField } from "~/components/form";
import { db } from "~/db/client.server";
import { requireRole } from "~/modules/auth/index.server";
import { EVENT_SCOPES, localized } from "~/modules/metrics";
import { createEvent, deleteEvent, listEvents, listMeasures } from "~/modules/metrics/index.server";
import { DeleteMetricEventSchema, MetricEventSchema } from "~/modules/metrics/schemas";
import { formatDate } from "~/utils/clock";
import { notFound } from "~/utils/errors";
import { setFlash } from "~/utils/flash.server";
import { readFormData, readIntent } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "dashboardEvents", "staff");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  const [events, measures] = await Promise.all([listEvents(), listMeasures()]);
  return json({ events, measures: measures.map((m) => ({ key: m.key, nameEn: m.nameEn, nameEs: m.nameEs })) });
}

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const formData = await readFormData(args.request);
  const intent = readIntent(formData, ["create", "delete"]);
  if (intent === "delete") {
    const submission = parseWithZod(formData, { schema: DeleteMetricEventSchema });
    if (submission.status !== "success") notFound();
    const gone = await db.transaction((tx) => deleteEvent(tx, submission.value.id, user.id));
    if (!gone) notFound();
    return redirect("/staff/metrics/events", { headers: { "Set-Cookie": await setFlash({ key: "metrics:events.flash.deleted" }) } });
  }
  const submission = parseWithZod(formData, { schema: MetricEventSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const known = new Set<string>([...EVENT_SCOPES, ...(await listMeasures()).map((m) => m.key)]);
  const appliesTo = [...new Set(submission.value.appliesTo)];
  if (appliesTo.some((a) => !known.has(a)))
    return json({ result: submission.reply({ fieldErrors: { appliesTo: ["metrics:events.errors.appliesTo"] } }) }, { status: 400 });
  // "All measures" says it all: the narrower choices beside it are dropped.
  const scope = appliesTo.includes("all") ? ["all"] : appliesTo;
  await db.transaction((tx) => createEvent(tx, { ...submission.value, appliesTo: scope }, user.id));
  return redirect("/staff/metrics/events", { headers: { "Set-Cookie": await setFlash({ key: "metrics:events.flash.created" }) } });
}

export default function MetricEventsPage() {
  const { events, measures } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation("metrics");
  const locale = i18n.language;
  const [form, fields] = useForm({
    id: "new-event",
    lastResult: actionData?.result,
    constraint: getZodConstraint(MetricEventSchema),
    shouldRevalidate: "onBlur",
  });
  const chosen = new Set(
    ([] as unknown[]).concat(fields.appliesTo.initialValue ?? fields.appliesTo.value ?? []).filter((v): v is string => typeof v === "string"),
  );
  const scopeName = (a: string) => {
    if ((EVENT_SCOPES as readonly string[]).includes(a)) return t(`events.scopes.${a}`);
    const m = measures.find((x) => x.key === a);
    return m ? localized(m, "name", locale) : a;
  };
  return (
    <section>
      <p>
        <Link to="/staff/metrics">{t("staff.title")}</Link>
      </p>
      <h1>{t("events.title")}</h1>
      <p className="lead">{t("events.lead")}</p>
      <ErrorSummary error={actionData?.result?.error} />
      <h2>{t("events.listTitle")}</h2>
      {events.length === 0 ? (
        <p>{t("events.none")}</p>
      ) : (
        <ul className="event-list">
          {events.map((e) => (
            <li key={e.id} className="card" data-event={e.id}>
              <h3>
                {formatDate(e.occurredOn, locale, "long")} — {localized(e, "title", locale)}
              </h3>
              {localized(e, "description", locale) ? <p>{localized(e, "description", locale)}</p> : null}
              <p className="muted">
                {t("events.appliesToList")}: {e.appliesTo.map(scopeName).join(", ")}
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="id" value={e.id} />
                <button type="submit" className="secondary" aria-label={t("events.deleteLabel", { title: localized(e, "title", locale) })}>
                  {t("events.delete")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <h2>{t("events.addTitle")}</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="create" />
        <Field label={t("events.fields.occurredOn")} field={fields.occurredOn} type="date" hint={t("events.fields.occurredOnHint")} />
        <Field label={t("events.fields.titleEn")} field={fields.titleEn} />
        <Field label={t("events.fields.titleEs")} field={fields.titleEs} />
        <TextAreaField label={t("events.fields.descriptionEn")} field={fields.descriptionEn} />
        <TextAreaField label={t("events.fields.descriptionEs")} field={fields.descriptionEs} />
        <fieldset className="choices" aria-describedby={fields.appliesTo.errors?.length ? fields.appliesTo.errorId : "applies-hint"}>
          <legend>{t("events.fields.appliesTo")}</legend>
          <p className="hint" id="applies-hint">
            {t("events.fields.appliesToHint")}
          </p>
          {[...EVENT_SCOPES, ...measures.map((m) => m.key)].map((a) => (
            <div className="choice" key={a}>
              <input id={`applies-${a}`} type="checkbox" name="appliesTo" value={a} defaultChecked={chosen.has(a)} />
              <label htmlFor={`applies-${a}`}>{scopeName(a)}</label>
            </div>
          ))}
          <ErrorList id={fields.appliesTo.errorId} errors={fields.appliesTo.errors} />
        </fieldset>
        <div>
          <button type="submit">{t("events.add")}</button>
        </div>
      </Form>
    </section>
  );
}
