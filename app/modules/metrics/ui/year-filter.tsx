import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The year select of the dashboard filters (all years, or one of those the data has). */
export function YearSelect({ id = "f-year", year, years }: { id?: string; year: number | string | null; years: readonly (number | string)[] }) {
  const { t } = useTranslation("metrics");
  return (
    <div className="field">
      <label htmlFor={id}>{t("dashboard.year")}</label>
      <select id={id} name="year" defaultValue={year ?? ""}>
        <option value="">{t("dashboard.allYears")}</option>
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The dashboard pages' one filter: a year (or all years), as a plain GET form. Pages with more filters use `YearSelect` in theirs. */
export function YearFilter({ id, year, years }: { id: string; year: number | string | null; years: readonly (number | string)[] }) {
  const { t } = useTranslation("metrics");
  return (
    <Form method="get" className="filters" aria-labelledby={id}>
      <h2 id={id}>{t("dashboard.filters")}</h2>
      <YearSelect year={year} years={years} />
      <div className="actions">
        <button type="submit">{t("dashboard.apply")}</button>
      </div>
    </Form>
  );
}
