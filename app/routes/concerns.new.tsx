import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { json, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, FormErrors } from "~/components/form";
import { i18nServer } from "~/i18n/i18n.server";
import { DESCRIPTION_MAX, kindName, publicLocationLabel, type PublicLocation } from "~/modules/concerns";
import {
  activeKindByCode,
  concernFieldConstraints,
  ConcernFormSchema,
  corroborateOnBlock,
  createConcern,
  enforceConcernFormLimit,
  enforceConcernSubmitLimit,
  listKinds,
  similarOpenReport,
  withDateRules,
} from "~/modules/concerns/index.server";
import type { ConcernFields } from "~/modules/concerns/schemas";
import { countyToday } from "~/utils/clock";
import { parseForm } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "reportConcern");

export async function loader() {
  const kinds = await listKinds({ activeOnly: true });
  return json({
    kinds: kinds.map(({ code, nameEn, nameEs, descriptionEn, descriptionEs }) => ({ code, nameEn, nameEs, descriptionEn, descriptionEs })),
    today: countyToday(),
    // The fields' HTML constraints (required, maxlength, pattern), made here so that zod stays out of the browser bundle.
    constraint: concernFieldConstraints(),
  });
}

/** The fields carried from step 1 to step 2 (the "similar reports" page) in hidden inputs. */
const CARRIED = [
  "kind",
  "description",
  "observedDate",
  "observedTime",
  "address",
  "zip",
  "latitude",
  "longitude",
  "name",
  "email",
  "phone",
  "consent",
] as const;

export async function action({ request, context }: ActionFunctionArgs) {
  await enforceConcernFormLimit(context.clientIp);
  const { submission } = await parseForm(request, withDateRules(ConcernFormSchema, countyToday()));
  if (submission.status !== "success") {
    return json(
      { step: "form" as const, result: submission.reply(), similar: null as { location: PublicLocation } | null, values: {} as Record<string, string> },
      { status: 400 },
    );
  }
  const value = submission.value;
  if (value.website) {
    return json({ step: "form" as const, result: submission.reply({ formErrors: ["concerns:errors.rejected"] }), similar: null, values: {} }, { status: 400 });
  }
  if (!(await activeKindByCode(value.kind))) {
    return json(
      { step: "form" as const, result: submission.reply({ fieldErrors: { kind: ["concerns:errors.unknownKind"] } }), similar: null, values: {} },
      { status: 400 },
    );
  }
  if (value.intent === "edit") return json({ step: "form" as const, result: submission.reply(), similar: null, values: {} });

  if (value.intent === "check") {
    const similar = await similarOpenReport({ kindCode: value.kind, zip: value.zip, address: value.address });
    if (similar) {
      const values: Record<string, string> = {};
      for (const k of CARRIED) {
        const v = submission.payload[k];
        if (typeof v === "string" && v !== "") values[k] = v;
      }
      return json({ step: "similar" as const, result: null, similar, values });
    }
  }

  // Only real writes count against the tighter limit.
  await enforceConcernSubmitLimit(context.clientIp);
  const locale = await i18nServer.getLocale(request);
  const common = { ...value, locale, ipAddress: context.clientIp };
  if (value.intent === "corroborate") {
    // The target is the open concern of this kind on the block and ZIP typed, found by the server.
    const result = await corroborateOnBlock({ ...common, kindCode: value.kind });
    if (!result.ok)
      return json({ step: "form" as const, result: submission.reply({ formErrors: ["concerns:errors.notOpen"] }), similar: null, values: {} }, { status: 400 });
    return redirect(`/concerns/received/${result.trackingCode}?added=1${value.email ? "&emailed=1" : ""}`);
  }
  const result = await createConcern({ ...common, kindCode: value.kind });
  if (!result.ok)
    return json(
      { step: "form" as const, result: submission.reply({ fieldErrors: { kind: ["concerns:errors.unknownKind"] } }), similar: null, values: {} },
      { status: 400 },
    );
  return redirect(`/concerns/received/${result.trackingCode}${value.email ? "?emailed=1" : ""}`);
}

export default function NewConcernPage() {
  const actionData = useActionData<typeof action>();
  if (actionData?.step === "similar" && actionData.similar) return <SimilarStep location={actionData.similar.location} values={actionData.values} />;
  return <ConcernForm />;
}

function WhoSeesWhat() {
  const { t } = useTranslation("concerns");
  return (
    <aside className="card privacy-note" aria-labelledby="who-sees">
      <h2 id="who-sees">{t("new.whoSees")}</h2>
      <ul>
        <li>{t("new.whoSeesStaff")}</li>
        <li>{t("new.whoSeesPublic")}</li>
        <li>{t("new.whoSeesNever")}</li>
      </ul>
    </aside>
  );
}

function ConcernForm() {
  const { t, i18n } = useTranslation("concerns");
  const { kinds, today, constraint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<ConcernFields>({
    id: "concern",
    lastResult: actionData?.result,
    constraint,
    shouldRevalidate: "onBlur",
    defaultValue: { observedDate: today },
  });
  const [geo, setGeo] = useState<{ supported: boolean; lat?: string; lng?: string; message?: string }>({ supported: false });
  // Progressive enhancement: the button exists only where the browser can locate.
  useEffect(() => setGeo((g) => ({ ...g, supported: typeof navigator !== "undefined" && "geolocation" in navigator })), []);
  const locate = () => {
    navigator.geolocation.getCurrentPosition(
      (pos) => setGeo({ supported: true, lat: pos.coords.latitude.toFixed(6), lng: pos.coords.longitude.toFixed(6), message: t("new.locationFound") }),
      () => setGeo({ supported: true, message: t("new.locationFailed") }),
      { timeout: 10000 },
    );
  };
  const kindValue = fields.kind.initialValue as string | undefined;
  const kindError = fields.kind.errors?.length ? fields.kind.errorId : undefined;
  return (
    <section className="concern-form">
      <h1>{t("new.title")}</h1>
      <p className="lead">{t("new.lead")}</p>
      <p className="alert alert-info">{t("new.emergency")}</p>
      <WhoSeesWhat />
      <Form method="post" className="stack" {...getFormProps(form)}>
        {/* An intent the form does not offer is the only error without a field of its own. */}
        <FormErrors id={form.errorId} errors={[...(form.errors ?? []), ...(actionData?.result?.error?.intent ?? [])]} />
        <fieldset className="choices" aria-describedby={kindError} aria-invalid={kindError ? true : undefined}>
          <legend>{t("new.kind")}</legend>
          {kinds.map((k) => (
            <div className="choice" key={k.code}>
              <input type="radio" id={`kind-${k.code}`} name={fields.kind.name} value={k.code} defaultChecked={kindValue === k.code} required />
              <label htmlFor={`kind-${k.code}`}>
                {kindName(k, i18n.language)}
                {(i18n.language === "es" ? k.descriptionEs : k.descriptionEn) ? (
                  <span className="hint"> — {i18n.language === "es" ? k.descriptionEs : k.descriptionEn}</span>
                ) : null}
              </label>
            </div>
          ))}
          <ErrorList id={fields.kind.errorId} errors={fields.kind.errors} />
        </fieldset>
        <div className="field">
          <label htmlFor={fields.description.id}>{t("new.description")}</label>
          <p id={`${fields.description.id}-hint`} className="hint">
            {t("new.descriptionHint", { max: DESCRIPTION_MAX.toLocaleString(i18n.language) })}
          </p>
          <textarea
            {...getTextareaProps(fields.description, { ariaAttributes: true })}
            key={fields.description.key}
            rows={6}
            aria-describedby={[`${fields.description.id}-hint`, fields.description.errors?.length ? fields.description.errorId : ""].filter(Boolean).join(" ")}
          />
          <ErrorList id={fields.description.errorId} errors={fields.description.errors} />
        </div>
        <fieldset>
          <legend>{t("new.whenLegend")}</legend>
          <div className="field-row">
            <Field label={t("new.observedDate")} field={fields.observedDate} type="date" inputProps={{ max: today }} />
            <Field label={t("new.observedTime")} field={fields.observedTime} type="time" />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("new.whereLegend")}</legend>
          <Field label={t("new.address")} field={fields.address} hint={t("new.addressHint")} inputProps={{ autoComplete: "street-address" }} />
          <Field label={t("new.zip")} field={fields.zip} inputProps={{ inputMode: "numeric", autoComplete: "postal-code", maxLength: 5 }} />
          {geo.supported ? (
            <div className="actions">
              <button type="button" className="secondary" onClick={locate}>
                {t("new.useLocation")}
              </button>
            </div>
          ) : null}
          <p role="status" aria-live="polite" className="hint">
            {geo.message ?? ""}
          </p>
          {geo.lat && geo.lng ? (
            <>
              <input type="hidden" name="latitude" value={geo.lat} />
              <input type="hidden" name="longitude" value={geo.lng} />
            </>
          ) : null}
          <ErrorList id={fields.latitude.errorId} errors={fields.latitude.errors} />
        </fieldset>
        <fieldset>
          <legend>{t("new.contactLegend")}</legend>
          <p className="hint">{t("new.contactHint")}</p>
          <Field label={t("new.name")} field={fields.name} inputProps={{ autoComplete: "name" }} />
          <Field label={t("new.email")} field={fields.email} type="email" inputProps={{ autoComplete: "email" }} />
          <Field label={t("new.phone")} field={fields.phone} type="tel" inputProps={{ autoComplete: "tel" }} />
          <div className="choice">
            <input {...getInputProps(fields.consent, { type: "checkbox", ariaAttributes: true })} key={fields.consent.key} />
            <label htmlFor={fields.consent.id}>{t("new.consent")}</label>
          </div>
          <ErrorList id={fields.consent.errorId} errors={fields.consent.errors} />
        </fieldset>
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="concern-website">{t("new.honeypot")}</label>
          <input id="concern-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <div>
          <button type="submit" name="intent" value="check">
            {t("new.continue")}
          </button>
        </div>
      </Form>
    </section>
  );
}

/**
 * Step 2 when an open report of the same kind is on the same block: it says so, and lets the
 * resident add to it. No concern number, count or date: only what the resident typed, generalised.
 */
function SimilarStep({ location, values }: { location: PublicLocation; values: Record<string, string> }) {
  const { t, i18n } = useTranslation("concerns");
  const { kinds } = useLoaderData<typeof loader>();
  const kind = kinds.find((k) => k.code === values.kind);
  return (
    <section>
      <h1>{t("similar.title")}</h1>
      <p className="lead">{t("similar.exists", { kind: kind ? kindName(kind, i18n.language) : "", place: publicLocationLabel(location, t) ?? "" })}</p>
      <p>{t("similar.why")}</p>
      <Form method="post" className="stack">
        {Object.entries(values).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <div className="actions">
          <button type="submit" name="intent" value="corroborate">
            {t("similar.addToIt")}
          </button>
          <button type="submit" name="intent" value="submit" className="secondary">
            {t("similar.submitNew")}
          </button>
          <button type="submit" name="intent" value="edit" className="link-button">
            {t("similar.edit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
