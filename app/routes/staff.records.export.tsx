import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ExportOptions } from "~/modules/records/ui/export-options";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "~/components/form";
import { requireRole } from "~/modules/auth/index.server";
import { ExportPeriodSchema } from "~/modules/records/schemas";
import { addDays, countyToday } from "~/utils/clock";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "exportRecords", "staff");

/** The form to choose the days of an export; a valid choice goes on to the document (export.html). */
export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  const url = new URL(args.request.url);
  const today = countyToday();
  if (!url.searchParams.has("from") && !url.searchParams.has("to")) return json({ from: addDays(today, -30), to: today, error: null });
  const submission = parseWithZod(url.searchParams, { schema: ExportPeriodSchema });
  if (submission.status !== "success") {
    return json({ from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "", error: submission.reply().error ?? null }, { status: 400 });
  }
  // Valid: the document itself, from the resource route beside this page.
  throw redirect(`/staff/records/export.html?${url.searchParams.toString()}`);
}

export default function ExportPeriod() {
  const { t } = useTranslation("records");
  const data = useLoaderData<typeof loader>();
  return (
    <section>
      <p>
        <Link to="/staff/records">{t("detail.back")}</Link>
      </p>
      <h1>{t("exportPage.title")}</h1>
      <p className="lead">{t("exportPage.lead")}</p>
      <p>{t("detail.exportLead")}</p>
      <ErrorSummary error={data.error} />
      <Form method="get" className="stack" reloadDocument>
        <div className="field">
          <label htmlFor="export-from">{t("exportPage.from")}</label>
          <input id="export-from" name="from" type="date" defaultValue={data.from} required aria-invalid={data.error?.from ? true : undefined} />
        </div>
        <div className="field">
          <label htmlFor="export-to">{t("exportPage.to")}</label>
          <input id="export-to" name="to" type="date" defaultValue={data.to} required aria-invalid={data.error?.to ? true : undefined} />
        </div>
        <ExportOptions defaultLanguage="en" submitLabel={t("exportPage.submit")} />
      </Form>
    </section>
  );
}
