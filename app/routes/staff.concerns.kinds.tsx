import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/form";
import { requireRole } from "~/modules/auth/index.server";
import { listKinds } from "~/modules/concerns/index.server";
import { KindSchema } from "~/modules/concerns/schemas";
import { createKind, updateKind } from "~/modules/concerns/index.server";
import { setFlash } from "~/utils/flash.server";
import { readFormData, readIntent } from "~/utils/forms.server";
import { notFound } from "~/utils/errors";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "kinds", "staff");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  return json({ kinds: await listKinds() });
}

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const formData = await readFormData(args.request);
  const intent = readIntent(formData, ["create", "update"]);
  // The row whose form shows the errors: "new", or a kind that is on the page (another id is a 404).
  let id = "new";
  if (intent === "create") formData.delete("id");
  else {
    const raw = formData.get("id");
    if (typeof raw !== "string" || !(await listKinds()).some((k) => String(k.id) === raw)) notFound();
    id = raw;
  }
  const submission = parseWithZod(formData, { schema: KindSchema });
  if (submission.status !== "success") return json({ id, result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const actor = { id: user.id, ipAddress: args.context.clientIp };
  if (v.intent === "create") {
    if (!v.code) return json({ id: "new", result: submission.reply({ fieldErrors: { code: ["common:errors.required"] } }) }, { status: 400 });
    const r = await createKind({ ...v, code: v.code, active: true }, actor);
    if (!r.ok) return json({ id: "new", result: submission.reply({ fieldErrors: { code: ["concerns:errors.codeTaken"] } }) }, { status: 400 });
  } else {
    if (!v.id) return json({ id: "new", result: submission.reply({ formErrors: ["common:errors.invalid"] }) }, { status: 400 });
    const r = await updateKind(v.id, v, actor);
    if (!r.ok) notFound();
  }
  return redirect("/staff/concerns/kinds", { headers: { "Set-Cookie": await setFlash({ key: "concerns:staff.flash.kindSaved" }) } });
}

type Reply = { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown>; formErrors?: string[] };

function KindFields({
  idPrefix,
  kind,
  reply,
}: {
  idPrefix: string;
  kind?: { nameEn: string; nameEs: string; descriptionEn: string; descriptionEs: string };
  reply?: Reply;
}) {
  const { t } = useTranslation("concerns");
  const val = (f: string, fallback = "") => {
    const v = reply?.initialValue?.[f];
    return typeof v === "string" ? v : fallback;
  };
  return (
    <>
      {(["nameEn", "nameEs", "descriptionEn", "descriptionEs"] as const).map((f) => (
        <div className="field" key={f}>
          <label htmlFor={`${idPrefix}-${f}`}>{t(`staff.kindFields.${f}`)}</label>
          <input id={`${idPrefix}-${f}`} name={f} type="text" defaultValue={val(f, kind?.[f] ?? "")} required={f.startsWith("name")} />
          <ErrorList errors={reply?.error?.[f]} />
        </div>
      ))}
    </>
  );
}

export default function KindsPage() {
  const { t } = useTranslation("concerns");
  const { kinds } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const replyFor = (id: string) => (actionData && actionData.id === id ? (actionData.result as Reply) : undefined);
  return (
    <section>
      <p>
        <Link to="/staff/concerns">{t("staff.backToQueue")}</Link>
      </p>
      <h1>{t("staff.kindsTitle")}</h1>
      <p className="lead">{t("staff.kindsLead")}</p>
      {kinds.map((k) => (
        <details key={k.id} className="card">
          <summary>
            {k.nameEn} / {k.nameEs} <code>{k.code}</code> {k.active ? null : <span className="badge">{t("staff.inactive")}</span>}
          </summary>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="update" />
            <input type="hidden" name="id" value={k.id} />
            <KindFields idPrefix={`kind-${k.id}`} kind={k} reply={replyFor(String(k.id))} />
            <div className="choice">
              <input id={`kind-${k.id}-active`} type="checkbox" name="active" defaultChecked={k.active} />
              <label htmlFor={`kind-${k.id}-active`}>{t("staff.kindFields.active")}</label>
            </div>
            <div>
              <button type="submit">{t("staff.saveKind")}</button>
            </div>
          </Form>
        </details>
      ))}
      <h2>{t("staff.addKind")}</h2>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="create" />
        <div className="field">
          <label htmlFor="new-code">{t("staff.kindFields.code")}</label>
          <p className="hint" id="new-code-hint">
            {t("staff.kindFields.codeHint")}
          </p>
          <input
            id="new-code"
            name="code"
            type="text"
            required
            aria-describedby="new-code-hint"
            defaultValue={(replyFor("new")?.initialValue?.code as string) ?? ""}
          />
          <ErrorList errors={replyFor("new")?.error?.code} />
        </div>
        <KindFields idPrefix="new" reply={replyFor("new")} />
        <div>
          <button type="submit">{t("staff.addKind")}</button>
        </div>
      </Form>
    </section>
  );
}
