import { randomUUID } from "node:crypto";
import { unlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  json,
  MaxPartSizeExceededError,
  NodeOnDiskFile,
  redirect,
  unstable_composeUploadHandlers,
  unstable_createFileUploadHandler,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireRole } from "~/modules/auth/index.server";
import { CSV_COLUMNS } from "~/modules/metrics";
import { stageImport } from "~/modules/metrics/index.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "importData", "staff");

const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
const Month = z.string().regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/);
const PeriodSchema = z.object({ periodStart: Month, periodEnd: Month }).refine((p) => p.periodStart <= p.periodEnd);

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  return null;
}

type ActionErrors = { error: string; values: { periodStart: string; periodEnd: string } };

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  // The file streams to a temporary file (never held in memory); other fields are tiny.
  let originalName = "upload.csv";
  const fileHandler = unstable_createFileUploadHandler({
    directory: path.join(os.tmpdir(), "cab-metrics-uploads"),
    maxPartSize: MAX_UPLOAD_BYTES,
    file: () => `${randomUUID()}.csv`,
    filter: ({ name }) => name === "file",
  });
  const uploadHandler = unstable_composeUploadHandlers(
    (part) => {
      if (part.name === "file" && part.filename) originalName = part.filename;
      return fileHandler(part);
    },
    unstable_createMemoryUploadHandler({ maxPartSize: 10_000 }),
  );
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(args.request, uploadHandler);
  } catch (error) {
    const tooLarge = error instanceof MaxPartSizeExceededError;
    return json<ActionErrors>(
      { error: tooLarge ? "metrics:import.errors.tooLarge" : "metrics:import.errors.bad", values: { periodStart: "", periodEnd: "" } },
      { status: tooLarge ? 413 : 400 },
    );
  }
  const file = form.get("file");
  const values = { periodStart: String(form.get("periodStart") ?? "").slice(0, 7), periodEnd: String(form.get("periodEnd") ?? "").slice(0, 7) };
  const cleanup = async () => {
    if (file instanceof NodeOnDiskFile) await unlink(file.getFilePath()).catch(() => {});
  };
  const period = PeriodSchema.safeParse(values);
  if (!period.success) {
    await cleanup();
    return json<ActionErrors>({ error: "metrics:import.errors.period", values }, { status: 400 });
  }
  if (!(file instanceof NodeOnDiskFile) || file.size === 0) {
    await cleanup();
    return json<ActionErrors>({ error: "metrics:import.errors.noFile", values }, { status: 400 });
  }
  try {
    const id = await stageImport({
      filePath: file.getFilePath(),
      fileName: originalName,
      periodStart: `${period.data.periodStart}-01`,
      periodEnd: `${period.data.periodEnd}-01`,
      actorId: user.id,
      ipAddress: args.context.clientIp,
    });
    return redirect(`/staff/metrics/imports/${id}`);
  } finally {
    await cleanup();
  }
}

export default function ImportPage() {
  const { t } = useTranslation("metrics");
  const data = useActionData<typeof action>();
  return (
    <section>
      <p>
        <Link to="/staff/metrics">{t("importStatus.back")}</Link>
      </p>
      <h1>{t("import.title")}</h1>
      <p className="lead">{t("import.lead")}</p>
      <Form method="post" encType="multipart/form-data" className="stack" aria-describedby={data?.error ? "import-error" : undefined}>
        {data?.error ? (
          <div className="alert alert-error" role="alert" id="import-error">
            <p>{t(data.error)}</p>
          </div>
        ) : null}
        <p className="hint" id="period-hint">
          {t("import.periodHint")}
        </p>
        <div className="field">
          <label htmlFor="periodStart">{t("import.periodStart")}</label>
          <input
            type="month"
            id="periodStart"
            name="periodStart"
            required
            placeholder="2024-01"
            pattern="\d{4}-\d{2}"
            defaultValue={data?.values.periodStart}
            aria-describedby="period-hint"
          />
        </div>
        <div className="field">
          <label htmlFor="periodEnd">{t("import.periodEnd")}</label>
          <input
            type="month"
            id="periodEnd"
            name="periodEnd"
            required
            placeholder="2024-12"
            pattern="\d{4}-\d{2}"
            defaultValue={data?.values.periodEnd}
            aria-describedby="period-hint"
          />
        </div>
        <div className="field">
          <label htmlFor="file">{t("import.file")}</label>
          <p className="hint" id="file-hint">
            {t("import.fileHint")}
          </p>
          <input type="file" id="file" name="file" accept=".csv,text/csv" required aria-describedby="file-hint" />
        </div>
        <div className="actions">
          <button type="submit">{t("import.submit")}</button>
        </div>
      </Form>

      <h2>{t("import.columnsTitle")}</h2>
      <p>{t("import.columnsLead")}</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="columns-caption">
        <table>
          <caption id="columns-caption" className="visually-hidden">
            {t("import.columnsTitle")}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("import.column")}</th>
              <th scope="col">{t("import.required")}</th>
              <th scope="col">{t("import.format")}</th>
              <th scope="col">{t("import.allowed")}</th>
            </tr>
          </thead>
          <tbody>
            {CSV_COLUMNS.map((c) => (
              <tr key={c.name}>
                <th scope="row">
                  <code>{c.name}</code>
                </th>
                <td>{c.required ? t("import.yes") : t("import.no")}</td>
                <td>{t(`import.formats.${c.format}`)}</td>
                <td>{c.values ? <code>{c.values.join(", ")}</code> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{t("import.rules")}</p>
    </section>
  );
}
