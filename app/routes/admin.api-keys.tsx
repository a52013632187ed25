import { parseWithZod } from "@conform-to/zod";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmStep } from "~/components/confirm-step";
import { TableWrap } from "~/components/table-wrap";
import { z } from "zod";
import { ErrorList } from "~/components/form";
import { requireRole } from "~/modules/auth/index.server";
import { issueApiKey, listApiKeys, revokeApiKey } from "~/modules/concerns/index.server";
import { readFormData, readIntent } from "~/utils/forms.server";
import { formatDateTime } from "~/utils/clock";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "apiKeys", "admin");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "admin");
  return json({ keys: await listApiKeys() });
}

const ApiKeyFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("issue"),
    name: z.string({ required_error: "common:errors.required" }).trim().min(1, "common:errors.required").max(100, "common:errors.tooLong"),
  }),
  z.object({
    intent: z.literal("revoke"),
    id: z.string({ required_error: "common:errors.required" }).uuid("common:errors.invalid"),
    // Revoking cannot be undone: a second step (a form that posts again with confirm=yes) first.
    confirm: z.literal("yes").optional().catch(undefined),
  }),
]);

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "admin");
  const formData = await readFormData(args.request);
  readIntent(formData, ["issue", "revoke"]);
  const submission = parseWithZod(formData, { schema: ApiKeyFormSchema });
  if (submission.status !== "success") return json({ issued: null, errors: submission.error ?? {}, revoked: false, confirm: null }, { status: 400 });
  const actor = { id: user.id, ipAddress: args.context.clientIp };
  const value = submission.value;
  if (value.intent === "issue") {
    const { key } = await issueApiKey(value.name, actor);
    // Shown once, in this response only.
    return json({ issued: { name: value.name, key }, errors: null, revoked: false, confirm: null });
  }
  if (value.confirm !== "yes") {
    const key = (await listApiKeys()).find((k) => k.id === value.id && !k.revokedAt);
    if (!key) return json({ issued: null, errors: null, revoked: false, confirm: null }, { status: 404 });
    return json({ issued: null, errors: null, revoked: false, confirm: { id: key.id, name: key.name } });
  }
  await revokeApiKey(value.id, actor);
  return json({ issued: null, errors: null, revoked: true, confirm: null });
}

export default function ApiKeysPage() {
  const { t, i18n } = useTranslation("concerns");
  const { keys } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const when = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : t("apiKeys.never"));
  return (
    <section>
      <h1>{t("apiKeys.title")}</h1>
      <p className="lead">{t("apiKeys.lead")}</p>
      <div aria-live="polite">
        {data?.issued ? (
          <div className="alert alert-success">
            <p>{t("apiKeys.issued", { name: data.issued.name })}</p>
            <p>
              <code data-testid="new-api-key">{data.issued.key}</code>
            </p>
          </div>
        ) : null}
        {data?.revoked ? <p className="alert alert-success">{t("apiKeys.revokedDone")}</p> : null}
        {data?.confirm ? (
          <ConfirmStep
            message={t("apiKeys.confirmRevoke", { name: data.confirm.name })}
            fields={{ intent: "revoke", id: data.confirm.id }}
            confirmLabel={t("apiKeys.confirmYes")}
            cancelLabel={t("apiKeys.cancel")}
            cancelTo="/admin/api-keys"
          />
        ) : null}
      </div>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="issue" />
        <div className="field">
          <label htmlFor="key-name">{t("apiKeys.name")}</label>
          <input id="key-name" name="name" type="text" required />
          <ErrorList errors={data?.errors?.name ?? null} />
        </div>
        <div>
          <button type="submit">{t("apiKeys.issue")}</button>
        </div>
      </Form>
      <TableWrap label={t("apiKeys.caption")}>
        <table>
          <caption>{t("apiKeys.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("apiKeys.name")}</th>
              <th scope="col">{t("apiKeys.prefix")}</th>
              <th scope="col">{t("apiKeys.created")}</th>
              <th scope="col">{t("apiKeys.lastUsed")}</th>
              <th scope="col">{t("apiKeys.status")}</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id}>
                <th scope="row">{k.name}</th>
                <td>
                  <code>{k.keyPrefix}…</code>
                </td>
                <td>
                  {when(k.createdAt)} {k.createdBy ? `· ${k.createdBy}` : ""}
                </td>
                <td>{when(k.lastUsedAt)}</td>
                <td>
                  {k.revokedAt ? (
                    `${t("apiKeys.revoked")} ${when(k.revokedAt)}`
                  ) : (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="id" value={k.id} />
                      {t("apiKeys.active")}{" "}
                      <button type="submit" className="secondary" aria-label={t("apiKeys.revokeNamed", { name: k.name })}>
                        {t("apiKeys.revoke")}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
