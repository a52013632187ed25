import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableWrap } from "~/components/table-wrap";
import { ErrorList } from "~/components/form";
import { requireRole } from "~/modules/auth/index.server";
import { listPolicyVersions } from "~/modules/policies/index.server";
import { checklistLines, PolicyVersionSchema } from "~/modules/policies/schemas";
import { createPolicyVersion } from "~/modules/policies/index.server";
import { setFlash } from "~/utils/flash.server";
import { readFormData } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "policies", "admin");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "admin");
  return json({ versions: await listPolicyVersions() });
}

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "admin");
  const submission = parseWithZod(await readFormData(args.request), { schema: PolicyVersionSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const r = await createPolicyVersion(
    { ...v, effectiveTo: v.effectiveTo ?? null, checklist: checklistLines(v.checklist) },
    { id: user.id, ipAddress: args.context.clientIp },
  );
  if (!r.ok) return json({ result: submission.reply({ formErrors: ["policies:errors.overlap"] }) }, { status: 400 });
  return redirect("/admin/policies", { headers: { "Set-Cookie": await setFlash({ key: "policies:admin.saved" }) } });
}

type Reply = { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown>; formErrors?: string[] };

export default function PoliciesPage() {
  const { t } = useTranslation("policies");
  const { versions } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.result as Reply | undefined;
  const typed = (f: string, fallback = "") => {
    const v = reply?.initialValue?.[f];
    return typeof v === "string" ? v : fallback;
  };
  const formErrors = [...(reply?.formErrors ?? []), ...(reply?.error?.[""] ?? [])];
  return (
    <section>
      <h1>{t("admin.title")}</h1>
      <p className="lead">{t("admin.lead")}</p>
      <TableWrap label={t("admin.caption")}>
        <table>
          <caption>{t("admin.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.name")}</th>
              <th scope="col">{t("admin.kind")}</th>
              <th scope="col">{t("admin.version")}</th>
              <th scope="col">{t("admin.effective")}</th>
              <th scope="col">{t("admin.checklist")}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                <th scope="row">
                  <details>
                    <summary>{v.name}</summary>
                    <p className="pre-wrap">{v.text}</p>
                  </details>
                </th>
                <td>{t(`kinds.${v.kind}`)}</td>
                <td>{v.version}</td>
                <td>
                  {v.effectiveFrom} – {v.effectiveTo ?? t("admin.open")}
                </td>
                <td>
                  <ul>
                    {v.checklist.map((c) => (
                      <li key={c.id}>{c.label}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h2>{t("admin.add")}</h2>
      <p>{t("admin.addLead")}</p>
      <Form method="post" className="stack">
        {formErrors.length ? (
          <div className="alert alert-error" role="alert">
            {formErrors.map((e) => (
              <p key={e}>{t(e)}</p>
            ))}
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="p-kind">{t("admin.kind")}</label>
          <select id="p-kind" name="kind" defaultValue={typed("kind", "documented_concern")}>
            <option value="documented_concern">{t("kinds.documented_concern")}</option>
            <option value="connection_to_violence">{t("kinds.connection_to_violence")}</option>
          </select>
          <ErrorList errors={reply?.error?.kind} />
        </div>
        <div className="field">
          <label htmlFor="p-name">{t("admin.name")}</label>
          <input id="p-name" name="name" type="text" required defaultValue={typed("name")} />
          <ErrorList errors={reply?.error?.name} />
        </div>
        <div className="field">
          <label htmlFor="p-text">{t("admin.text")}</label>
          <textarea id="p-text" name="text" rows={6} required defaultValue={typed("text")} />
          <ErrorList errors={reply?.error?.text} />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="p-from">{t("admin.from")}</label>
            <input id="p-from" name="effectiveFrom" type="date" required defaultValue={typed("effectiveFrom")} />
            <ErrorList errors={reply?.error?.effectiveFrom} />
          </div>
          <div className="field">
            <label htmlFor="p-to">{t("admin.to")}</label>
            <input id="p-to" name="effectiveTo" type="date" defaultValue={typed("effectiveTo")} />
            <ErrorList errors={reply?.error?.effectiveTo} />
          </div>
        </div>
        <div className="field">
          <label htmlFor="p-checklist">{t("admin.checklist")}</label>
          <p className="hint" id="p-checklist-hint">
            {t("admin.checklistHint")}
          </p>
          <textarea id="p-checklist" name="checklist" rows={5} aria-describedby="p-checklist-hint" defaultValue={typed("checklist")} />
          <ErrorList errors={reply?.error?.checklist} />
        </div>
        <div>
          <button type="submit">{t("admin.submit")}</button>
        </div>
      </Form>
    </section>
  );
}
