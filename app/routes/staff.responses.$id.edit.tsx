import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/modules/auth/index.server";
import { getResponseForStaff, readResponseForm, responseFormOptions, saveResponse } from "~/modules/responses/index.server";
import { ResponseForm } from "~/modules/responses/ui/response-form";
import { formatDateTime } from "~/utils/clock";
import { notFound } from "~/utils/errors";
import { setFlash } from "~/utils/flash.server";
import { readFormData, refusalOf } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, args.data ? { text: args.data.response.title } : "response", "staff");

async function load(id: string | undefined) {
  const response = await getResponseForStaff(id ?? "");
  if (!response) notFound();
  return response;
}

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  const response = await load(args.params.id);
  return json({ response, options: await responseFormOptions() });
}

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const current = await load(args.params.id);
  const form = await readResponseForm(await readFormData(args.request));
  if (!form.ok) return form.response;
  try {
    const { published, notified } = await saveResponse(user, current.id, form.input, { publish: form.intent === "publish", ip: args.context.clientIp });
    const flash = published ? { key: "responses:flash.published", values: { count: notified.people } } : { key: "responses:flash.saved" };
    return redirect(`/staff/responses/${current.id}/edit`, { headers: { "Set-Cookie": await setFlash(flash) } });
  } catch (error) {
    throw refusalOf(error);
  }
}

export default function EditResponse() {
  const { t, i18n } = useTranslation("responses");
  const { response, options } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const published = response.status === "published";
  return (
    <section>
      <p>
        <Link to="/staff/responses">{t("staff.back")}</Link>
      </p>
      <h1>{t("staff.editTitle", { title: response.title })}</h1>
      <p>
        <span className="badge" data-testid="response-status">
          {t(`status.${response.status}`)}
        </span>{" "}
        {published && response.publishedAt ? (
          <span className="muted">{t("staff.publishedAt", { when: formatDateTime(response.publishedAt, i18n.language) })} </span>
        ) : null}
        <Link to={`/responses/${response.slug}`}>{published ? t("staff.view") : t("staff.preview")}</Link>
      </p>
      {published ? <p className="alert alert-info">{t("staff.publishedNote", { count: response.announced })}</p> : null}
      {response.clusterNumbers.length ? (
        <p className="muted">{t("staff.clusterMembers", { numbers: response.clusterNumbers.map((n) => `#${n}`).join(", ") })}</p>
      ) : null}
      <ResponseForm
        key={response.updatedAt}
        lastResult={data?.result}
        options={options}
        published={published}
        defaults={{
          title: response.title,
          summary: response.summary,
          bodyJson: response.bodyJson,
          policyVersionId: response.policyVersionId ?? "",
          criterionStatement: response.criterionStatement,
          directNumbers: response.directNumbers,
          clusterZip: response.clusterZip ?? "",
          clusterKind: response.clusterKindCode,
          refLink: response.refUrl ?? "",
          snapshotIds: response.snapshotIds,
        }}
      />
    </section>
  );
}
