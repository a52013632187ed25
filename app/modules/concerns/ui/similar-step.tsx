import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { publicLocationLabel, type PublicLocation } from "../block";
import { kindName } from "../format";
import type { ConcernKindOption } from "./concern-form";
import { HiddenAnswers } from "./hidden-answers";

/**
 * Between the form and the check-your-answers page, when an open report of the same kind is on the
 * same block: it says so and lets the resident add to it. No concern number, count or date: only
 * what the resident typed, generalised. Either choice goes on to check the answers; nothing is
 * sent from here.
 */
export function SimilarStep({ location, values, kinds }: { location: PublicLocation; values: Record<string, string>; kinds: ConcernKindOption[] }) {
  const { t, i18n } = useTranslation("concerns");
  const kind = kinds.find((k) => k.code === values.kind);
  return (
    <section>
      <h1 tabIndex={-1} autoFocus>
        {t("similar.title")}
      </h1>
      <p className="lead">{t("similar.exists", { kind: kind ? kindName(kind, i18n.language) : "", place: publicLocationLabel(location, t) ?? "" })}</p>
      <p>{t("similar.why")}</p>
      <Form method="post" className="stack">
        <HiddenAnswers values={values} />
        <div className="actions stacked-actions">
          <button type="submit" name="choice" value="corroborate">
            {t("similar.addToIt")}
          </button>
          <button type="submit" name="choice" value="new" className="secondary">
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
