import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { countyTimeToDate, formatDate, formatTime } from "~/utils/clock";
import { publicLocationLabel, type PublicLocation } from "../block";
import { kindName } from "../format";
import type { ConcernKindOption } from "./concern-form";
import { HiddenAnswers } from "./hidden-answers";

/**
 * GOV.UK's "check your answers": every answer with a "Change" button (a button, so it works
 * without JavaScript: it posts the answers back and the form opens with that field focused),
 * what the public will see of the location, then one button that sends. Nothing is written
 * before that button.
 */
export function CheckAnswers({
  values,
  kinds,
  choice,
  addingTo,
  publicLocation,
}: {
  values: Record<string, string>;
  kinds: ConcernKindOption[];
  choice: "new" | "corroborate";
  addingTo: PublicLocation | null;
  publicLocation: PublicLocation;
}) {
  const { t, i18n } = useTranslation("concerns");
  const lng = i18n.language;
  const kind = kinds.find((k) => k.code === values.kind);
  const adding = choice === "corroborate" && addingTo;
  const publicPlace = publicLocationLabel(publicLocation, t);
  const notGiven = <span className="muted">{t("check.notGiven")}</span>;
  const contact = Boolean(values.email || values.phone);
  const row = (name: string, key: ReactNode, value: ReactNode, change = true) => (
    <div className="summary-list-row" key={name}>
      <dt>{key}</dt>
      <dd>{value}</dd>
      <dd className="summary-list-actions">
        {change ? (
          <button type="submit" name="change" value={name} className="link-button">
            {t("check.change")}
            <span className="visually-hidden"> {typeof key === "string" ? key.toLowerCase() : ""}</span>
          </button>
        ) : null}
      </dd>
    </div>
  );
  return (
    <section className="check-answers">
      <h1 tabIndex={-1} autoFocus>
        {adding ? t("check.titleAdd") : t("check.title")}
      </h1>
      <p className="lead">{t("check.lead")}</p>
      {adding ? <p className="alert alert-info">{t("check.addingTo", { place: publicLocationLabel(addingTo, t) ?? "" })}</p> : null}
      <Form method="post">
        <HiddenAnswers values={{ ...values, choice }} />
        <h2>{t("check.reportTitle")}</h2>
        <dl className="summary-list">
          {row("kind", t("check.kind"), kind ? kindName(kind, lng) : values.kind)}
          {row("description", t("check.description"), <span className="pre-wrap">{values.description}</span>)}
          {row(
            "observedDate",
            t("check.when"),
            `${formatDate(values.observedDate ?? "", lng, "long")}${
              values.observedDate && values.observedTime ? `, ${formatTime(countyTimeToDate(values.observedDate, values.observedTime), lng)}` : ""
            }`,
          )}
          {row("address", t("check.address"), values.address)}
          {row("zip", t("check.zip"), values.zip)}
          {row("publicAs", t("check.publicAs"), publicPlace ? `${publicPlace}, ${values.zip}` : t("check.publicZipOnly"), false)}
        </dl>
        {values.latitude ? <p className="hint">{t("check.location")}</p> : null}
        <h2>{t("check.contactTitle")}</h2>
        {!values.name && !contact ? <p>{t("check.anonymous")}</p> : null}
        <dl className="summary-list">
          {row("name", t("check.name"), values.name || notGiven)}
          {row("email", t("check.email"), values.email || notGiven)}
          {row("phone", t("check.phone"), values.phone || notGiven)}
          {contact ? row("consent", t("check.consent"), values.consent ? t("check.yes") : t("check.no")) : null}
        </dl>
        <h2>{t("check.sendTitle")}</h2>
        <p>{t("check.sendText")}</p>
        <button type="submit" name="intent" value={adding ? "corroborate" : "send"}>
          {adding ? t("check.sendAdd") : t("check.send")}
        </button>
      </Form>
    </section>
  );
}
