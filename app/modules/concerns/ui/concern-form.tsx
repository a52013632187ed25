import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList, ErrorSummary, Field } from "~/components/form";
import { kindName } from "../format";
import type { ConcernFields } from "../schemas";
import { DESCRIPTION_MAX } from "../statuses";
import { CharacterCount } from "./character-count";

export type ConcernKindOption = { code: string; nameEn: string; nameEs: string; descriptionEn: string | null; descriptionEs: string | null };

type Constraint = Parameters<typeof useForm<ConcernFields>>[0]["constraint"];

/**
 * The resident's report, one page (it works on a phone without JavaScript): a failed "Continue"
 * comes back with the error summary at the top (focused, each message a link to its field) and
 * every answer kept; "Change" on the check-your-answers page comes back with `focus` on that field.
 */
export function ConcernForm({
  kinds,
  today,
  constraint,
  result,
  focus,
  header,
}: {
  kinds: ConcernKindOption[];
  today: string;
  constraint: Constraint;
  result?: SubmissionResult<string[]> | null;
  focus?: string | null;
  /** The page's heading and introduction, under the error summary (which comes first on the page). */
  header?: ReactNode;
}) {
  const { t, i18n } = useTranslation("concerns");
  const [form, fields] = useForm<ConcernFields>({
    id: "concern",
    lastResult: result,
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
  const firstKindId = `kind-${kindValue && kinds.some((k) => k.code === kindValue) ? kindValue : (kinds[0]?.code ?? "")}`;
  const lng = i18n.language;
  const optional = (label: string) => (
    <>
      {label} <span className="optional">{t("new.optional")}</span>
    </>
  );
  const focusOn = (name: string) => (focus === name ? { autoFocus: true } : {});
  const carriedLat = fields.latitude.initialValue as string | undefined;
  const carriedLng = fields.longitude.initialValue as string | undefined;
  const lat = geo.lat ?? carriedLat;
  const lngValue = geo.lng ?? carriedLng;
  return (
    <Form method="post" className="stack concern-form" {...getFormProps(form)}>
      <ErrorSummary
        error={result?.status === "error" ? result.error : null}
        autoFocus
        fieldIds={{
          kind: firstKindId,
          description: fields.description.id,
          observedDate: fields.observedDate.id,
          observedTime: fields.observedTime.id,
          address: fields.address.id,
          latitude: fields.address.id,
          zip: fields.zip.id,
          name: fields.name.id,
          email: fields.email.id,
          phone: fields.phone.id,
          consent: fields.consent.id,
        }}
      />
      {header}
      <fieldset className="choices" aria-describedby={kindError} aria-invalid={kindError ? true : undefined}>
        <legend>{t("new.kind")}</legend>
        {kinds.map((k) => (
          <div className="choice" key={k.code}>
            <input
              type="radio"
              id={`kind-${k.code}`}
              name={fields.kind.name}
              value={k.code}
              defaultChecked={kindValue === k.code}
              autoFocus={focus === "kind" && `kind-${k.code}` === firstKindId}
            />
            <label htmlFor={`kind-${k.code}`}>
              {kindName(k, lng)}
              {(lng === "es" ? k.descriptionEs : k.descriptionEn) ? <span className="hint"> — {lng === "es" ? k.descriptionEs : k.descriptionEn}</span> : null}
            </label>
          </div>
        ))}
        <ErrorList id={fields.kind.errorId} errors={fields.kind.errors} />
      </fieldset>
      <CharacterCount
        label={t("new.description")}
        hint={t("new.descriptionHint")}
        field={fields.description}
        max={DESCRIPTION_MAX}
        autoFocus={focus === "description"}
      />
      <fieldset>
        <legend>{t("new.whenLegend")}</legend>
        <div className="field-row">
          <Field label={t("new.observedDate")} field={fields.observedDate} type="date" inputProps={{ max: today, ...focusOn("observedDate") }} />
          <Field
            label={optional(t("new.observedTime"))}
            hint={t("new.timeHint")}
            field={fields.observedTime}
            type="time"
            inputProps={focusOn("observedTime")}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("new.whereLegend")}</legend>
        <Field
          label={t("new.address")}
          field={fields.address}
          hint={t("new.addressHint")}
          inputProps={{ autoComplete: "street-address", ...focusOn("address") }}
        />
        <Field
          label={t("new.zip")}
          hint={t("new.zipHint")}
          field={fields.zip}
          inputProps={{ inputMode: "numeric", autoComplete: "postal-code", maxLength: 5, className: "input-width-5", ...focusOn("zip") }}
        />
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
        {lat && lngValue ? (
          <>
            <input type="hidden" name="latitude" value={lat} />
            <input type="hidden" name="longitude" value={lngValue} />
          </>
        ) : null}
        <ErrorList id={fields.latitude.errorId} errors={fields.latitude.errors} />
      </fieldset>
      <fieldset>
        <legend>{t("new.contactLegend")}</legend>
        <p className="hint">{t("new.contactHint")}</p>
        <Field label={optional(t("new.name"))} field={fields.name} inputProps={{ autoComplete: "name", ...focusOn("name") }} />
        <Field
          label={optional(t("new.email"))}
          field={fields.email}
          type="email"
          inputProps={{ autoComplete: "email", spellCheck: false, ...focusOn("email") }}
        />
        <Field label={optional(t("new.phone"))} field={fields.phone} type="tel" inputProps={{ autoComplete: "tel", ...focusOn("phone") }} />
        <div className="choice">
          <input {...getInputProps(fields.consent, { type: "checkbox", ariaAttributes: true })} key={fields.consent.key} {...focusOn("consent")} />
          <label htmlFor={fields.consent.id}>{t("new.consent")}</label>
        </div>
        <ErrorList id={fields.consent.errorId} errors={fields.consent.errors} />
      </fieldset>
      <div className="honeypot" aria-hidden="true">
        <label htmlFor="concern-website">{t("new.honeypot")}</label>
        <input id="concern-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <div>
        <button type="submit" name="intent" value="review">
          {t("new.continue")}
        </button>
      </div>
    </Form>
  );
}
