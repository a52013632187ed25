import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AdminNav } from "~/components/admin-nav";
import { DateTime } from "~/components/date-time";
import { ErrorSummary, Field, SelectField } from "~/components/form";
import { TableWrap } from "~/components/table-wrap";
import { AUDIT_FAMILIES, auditSentence } from "~/modules/audit";
import { listAuditActors, listAuditEntries } from "~/modules/audit/index.server";
import { AuditFilterSchema } from "~/modules/audit/schemas";
import { requireRole } from "~/modules/auth/index.server";
import { useForm } from "~/utils/use-form";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "audit", "admin");

const PAGE_SIZE = 50;

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "admin");
  const params = new URL(args.request.url).searchParams;
  const submission = parseWithZod(params, { schema: AuditFilterSchema });
  // Filters that do not read (a date that is not a date) are shown as errors, and not applied.
  const filters = submission.status === "success" ? submission.value : { before: undefined };
  const { before, ...query } = { person: undefined, family: undefined, from: undefined, to: undefined, ...filters };
  // One extra row says whether there is an older page.
  const rows = await listAuditEntries({ before, limit: PAGE_SIZE + 1, actorId: query.person, family: query.family, from: query.from, to: query.to });
  const entries = rows.slice(0, PAGE_SIZE);
  // The links to other pages keep the filters.
  const keep = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) keep.set(key, value);
  const withBefore = (id: number) => `/admin/audit?${new URLSearchParams([...keep, ["before", String(id)]])}`;
  return json({
    entries,
    actors: await listAuditActors(),
    result: submission.status === "error" ? submission.reply() : null,
    defaults: { person: query.person ?? "", family: query.family ?? "", from: query.from ?? "", to: query.to ?? "" },
    filtered: Object.values(query).some(Boolean),
    newest: before ? `/admin/audit${keep.size ? `?${keep}` : ""}` : null,
    older: rows.length > PAGE_SIZE ? withBefore(entries[entries.length - 1]!.id) : null,
  });
}

export default function AdminAuditPage() {
  const { t } = useTranslation("admin");
  const data = useLoaderData<typeof loader>();
  const [form, fields] = useForm({ id: "audit-filters", lastResult: data.result, defaultValue: data.defaults });
  return (
    <section>
      <AdminNav />
      <h1>{t("audit")}</h1>
      <p className="lead">{t("auditTable.lead")}</p>
      <ErrorSummary error={form.allErrors} />
      <Form method="get" className="filters" {...getFormProps(form)}>
        <SelectField
          label={t("auditLog.filters.person")}
          field={fields.person}
          options={[{ value: "", label: t("auditLog.filters.anyone") }, ...data.actors.map((a) => ({ value: a.id, label: a.label }))]}
        />
        <SelectField
          label={t("auditLog.filters.action")}
          field={fields.family}
          options={[{ value: "", label: t("auditLog.filters.anything") }, ...AUDIT_FAMILIES.map((f) => ({ value: f, label: t(`auditLog.families.${f}`) }))]}
        />
        <Field label={t("auditLog.filters.from")} field={fields.from} type="date" />
        <Field label={t("auditLog.filters.to")} field={fields.to} type="date" />
        <div className="filters-actions">
          <button type="submit">{t("auditLog.filters.apply")}</button>
          {data.filtered ? <Link to="/admin/audit">{t("auditLog.filters.clear")}</Link> : null}
        </div>
      </Form>
      {data.entries.length === 0 ? (
        <p>{data.filtered ? t("auditLog.noMatch") : t("auditTable.empty")}</p>
      ) : (
        <TableWrap>
          <table className="stack-table audit-table">
            <caption className="visually-hidden">{t("audit")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("auditLog.what")}</th>
                <th scope="col">{t("auditTable.when")}</th>
                <th scope="col">{t("auditTable.details")}</th>
              </tr>
            </thead>
            <tbody>
              {data.entries.map((e) => (
                <tr key={e.id}>
                  <th scope="row">{auditSentence({ ...e, data: e.data ?? {} }, t)}</th>
                  <td data-label={t("auditTable.when")}>
                    <DateTime value={e.createdAt} />
                  </td>
                  <td data-label={t("auditTable.details")}>
                    <details>
                      <summary>{t("auditLog.recorded")}</summary>
                      <dl className="audit-details">
                        <dt>{t("auditTable.action")}</dt>
                        <dd>
                          <code>{e.action}</code>
                        </dd>
                        <dt>{t("auditTable.subject")}</dt>
                        <dd>
                          {e.subjectType}
                          {e.subjectId ? (
                            <>
                              {" "}
                              <code>{e.subjectId}</code>
                            </>
                          ) : null}
                        </dd>
                        {e.actorEmail ? (
                          <>
                            <dt>{t("auditTable.who")}</dt>
                            <dd>{e.actorEmail}</dd>
                          </>
                        ) : null}
                        {Object.keys(e.data ?? {}).length ? (
                          <>
                            <dt>{t("auditLog.data")}</dt>
                            <dd>
                              <code>{JSON.stringify(e.data)}</code>
                            </dd>
                          </>
                        ) : null}
                      </dl>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <nav aria-label={t("auditTable.pages")} className="pager">
        {data.newest ? <Link to={data.newest}>{t("auditTable.newest")}</Link> : null}
        {data.older ? <Link to={data.older}>{t("auditTable.older")}</Link> : null}
      </nav>
    </section>
  );
}
