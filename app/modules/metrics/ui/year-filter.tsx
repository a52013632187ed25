import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The year select of the dashboard filters (all years, unless a page publishes years only, or one of those the data has). */
export function YearSelect({
  id = "f-year",
  year,
  years,
  allYears = true,
}: {
  id?: string;
  year: number | string | null;
  years: readonly (number | string)[];
  allYears?: boolean;
}) {
  const { t } = useTranslation("metrics");
  return (
    <div className="field">
      <label htmlFor={id}>{t("dashboard.year")}</label>
      <select id={id} name="year" defaultValue={year ?? ""}>
        {allYears ? <option value="">{t("dashboard.allYears")}</option> : null}
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
export function YearFilter({
  id,
  year,
  years,
  allYears = true,
}: {
  id: string;
  year: number | string | null;
  years: readonly (number | string)[];
  allYears?: boolean;
}) {
  const { t } = useTranslation("metrics");
  return (
    <Form method="get" className="filters" aria-labelledby={id}>
      <h2 id={id}>{t("dashboard.filters")}</h2>
      <YearSelect year={year} years={years} allYears={allYears} />
      <div className="actions">
        <button type="submit">{t("dashboard.apply")}</button>
      </div>
    </Form>
  );
}
