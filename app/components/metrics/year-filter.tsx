import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The dashboard pages' one filter: a year (or all years), as a plain GET form. */
export function YearFilter({ id, year, years }: { id: string; year: number | string | null; years: readonly (number | string)[] }) {
  const { t } = useTranslation("metrics");
  return (
    <Form method="get" className="filters" aria-labelledby={id}>
      <h2 id={id}>{t("dashboard.filters")}</h2>
      <div className="field">
        <label htmlFor="f-year">{t("dashboard.year")}</label>
        <select id="f-year" name="year" defaultValue={year ?? ""}>
          <option value="">{t("dashboard.allYears")}</option>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit">{t("dashboard.apply")}</button>
      </div>
    </Form>
  );
}
