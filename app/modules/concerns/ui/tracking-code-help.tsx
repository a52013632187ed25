import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Characters a tracking code never has (tracking-code.server.ts leaves them out of its alphabet). */
const NEVER_IN_CODES = /[01OIL]/g;

/**
 * The lookup form, and when a code was typed that is not one (wrong length, characters codes
 * never have) or matches nothing, help to re-check it: what a code looks like, the characters
 * people confuse, and what to do if it is lost. It says nothing about any other code.
 */
export function TrackingCodeLookup({ typed, problem }: { typed: string; problem: "invalid" | "notFound" | null }) {
  const { t } = useTranslation("concerns");
  const letters = typed.toUpperCase().replace(/[\s-]/g, "");
  const confusable = [...new Set(letters.match(NEVER_IN_CODES) ?? [])];
  const errorId = "code-error";
  return (
    <>
      {problem ? (
        <div className="alert alert-error error-summary" role="alert" tabIndex={-1} autoFocus aria-labelledby="code-problem-title">
          <h2 id="code-problem-title">{problem === "notFound" ? t("track.notFoundTitle") : t("common:errors.summaryTitle")}</h2>
          {problem === "notFound" ? (
            <p>{t("track.notFoundText", { code: typed })}</p>
          ) : (
            <ul>
              <li>
                <a href="#code">{t("track.invalid")}</a>
              </li>
            </ul>
          )}
        </div>
      ) : null}
      <Form method="get" action="/concerns/track" className="stack">
        <div className="field">
          <label htmlFor="code">{t("track.code")}</label>
          <p id="code-hint" className="hint">
            {t("track.codeHint")}
          </p>
          <input
            id="code"
            name="code"
            type="text"
            defaultValue={typed}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            className="input-code"
            aria-invalid={problem ? true : undefined}
            aria-describedby={["code-hint", problem === "invalid" ? errorId : ""].filter(Boolean).join(" ")}
          />
          {problem === "invalid" ? (
            <ul id={errorId} className="field-errors">
              <li>{t("track.invalid")}</li>
            </ul>
          ) : null}
        </div>
        <div>
          <button type="submit">{problem ? t("track.tryAgain") : t("track.submit")}</button>
        </div>
      </Form>
      {problem ? (
        <div className="tracking-help">
          <h2>{t("track.helpTitle")}</h2>
          <ul>
            {letters.length !== 12 ? <li>{t("track.helpLength", { count: letters.length })}</li> : null}
            {confusable.length ? <li>{t("track.helpConfusable", { chars: confusable.join(", ") })}</li> : null}
            <li>{t("track.helpLook")}</li>
          </ul>
        </div>
      ) : null}
      <h2>{t("track.lostTitle")}</h2>
      <p>{t("track.lostEmail")}</p>
      <p>{t("track.lostNone")}</p>
      <p>
        <Link to="/concerns/new">{t("track.reportAgain")}</Link>
      </p>
    </>
  );
}
