import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { AdminNav } from "~/components/admin-nav";
import { DateTime } from "~/components/date-time";
import { Field, FormErrors, SelectField } from "~/components/form";
import { LOCALES } from "~/locales/config";
import { requireRole } from "~/modules/auth/index.server";
import { listPendingInvitations, listUsers } from "~/modules/auth/index.server";
import { ACCOUNT_ROLES, INVITED_ROLES } from "~/modules/auth";
import { AdminUsersSchema, InviteSchema } from "~/modules/auth/schemas";
import { changeRole, createInvitation, revokeInvitation, setDeactivated } from "~/modules/auth/index.server";
import { readFormData, readIntent } from "~/utils/forms.server";
import { appOrigin } from "~/utils/request.server";
import { TableWrap } from "~/components/table-wrap";
import { ConfirmStep } from "~/components/confirm-step";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "users", "admin");

export async function loader(args: LoaderFunctionArgs) {
  const admin = requireRole(args, "admin");
  const [users, invitations] = await Promise.all([listUsers(), listPendingInvitations()]);
  return json({ users, invitations, currentUserId: admin.id });
}

type Done = { key: string; values?: Record<string, string> };
/** A destructive action waiting for its second step (no JavaScript needed: a form that posts again). */
type Confirm = { key: string; values: Record<string, string>; fields: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requireRole({ request, context }, "admin");
  const formData = await readFormData(request);
  const intent = readIntent(formData, ["invite", "revoke-invitation", "change-role", "deactivate", "reactivate"]) === "invite" ? "invite" : "manage";
  const submission = parseWithZod(formData, { schema: AdminUsersSchema });
  const fail = (formErrors?: string[]) =>
    json(
      { intent, done: null as Done | null, confirm: null as Confirm | null, result: submission.reply(formErrors ? { formErrors } : undefined) },
      { status: 400 },
    );
  const askToConfirm = async (key: string, userId: string, fields: Record<string, string>) => {
    const target = (await listUsers()).find((u) => u.id === userId);
    if (!target) return fail(["admin:usersTable.notFound"]);
    const confirm: Confirm = { key, values: { name: target.displayName }, fields };
    return json({ intent, done: null as Done | null, confirm, result: submission.reply() });
  };
  if (submission.status !== "success") return fail(intent === "invite" ? undefined : ["common:errors.formInvalid"]);

  const actor = { id: admin.id, displayName: admin.displayName, ipAddress: context.clientIp };
  const value = submission.value;
  let done: Done;
  switch (value.intent) {
    case "invite": {
      const created = await createInvitation(actor, value, appOrigin(request));
      if (!created.ok) {
        return json(
          {
            intent,
            done: null as Done | null,
            confirm: null as Confirm | null,
            result: submission.reply({ fieldErrors: { email: ["admin:invite.emailTaken"] } }),
          },
          { status: 400 },
        );
      }
      done = { key: "admin:invite.sent", values: { email: created.invitation.email } };
      break;
    }
    case "revoke-invitation":
      if (value.confirm !== "yes") {
        const invitation = (await listPendingInvitations()).find((i) => i.id === value.invitationId);
        if (!invitation) return fail(["admin:invite.notPending"]);
        const confirm: Confirm = {
          key: "admin:invite.confirmRevoke",
          values: { email: invitation.email },
          fields: { intent: "revoke-invitation", invitationId: invitation.id },
        };
        return json({ intent, done: null as Done | null, confirm, result: submission.reply() });
      }
      if (!(await revokeInvitation(actor, value.invitationId))) return fail(["admin:invite.notPending"]);
      done = { key: "admin:invite.revoked" };
      break;
    case "change-role":
      // An admin demoting themself could leave nobody able to undo it.
      if (value.userId === admin.id) return fail(["admin:usersTable.notSelf"]);
      if (value.role === "admin" && value.confirm !== "yes")
        return askToConfirm("admin:usersTable.confirmAdmin", value.userId, { intent: "change-role", userId: value.userId, role: value.role });
      {
        const changed = await changeRole(actor, value.userId, value.role);
        if (changed === "not_found") return fail(["admin:usersTable.notFound"]);
        if (changed === "unverified") return fail(["admin:usersTable.unverifiedRole"]);
      }
      done = { key: "admin:usersTable.roleChanged" };
      break;
    case "deactivate":
    case "reactivate":
      if (value.userId === admin.id) return fail(["admin:usersTable.notSelf"]);
      if (value.intent === "deactivate" && value.confirm !== "yes")
        return askToConfirm("admin:usersTable.confirmDeactivate", value.userId, { intent: "deactivate", userId: value.userId });
      if (!(await setDeactivated(actor, value.userId, value.intent === "deactivate"))) return fail(["admin:usersTable.notFound"]);
      done = { key: value.intent === "deactivate" ? "admin:usersTable.deactivatedDone" : "admin:usersTable.reactivatedDone" };
      break;
  }
  return json({ intent, done: done as Done | null, confirm: null as Confirm | null, result: submission.reply({ resetForm: true }) });
}

export default function AdminUsersPage() {
  const { t } = useTranslation("admin");
  const { users, invitations, currentUserId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof InviteSchema>>({
    id: "invite",
    lastResult: actionData?.intent === "invite" ? actionData.result : undefined,
    constraint: getZodConstraint(InviteSchema),
    defaultValue: { role: "cab_member", locale: "en" },
    shouldRevalidate: "onBlur",
  });
  const manageErrors = actionData?.intent === "manage" ? actionData.result.error?.[""] : null;
  return (
    <section>
      <AdminNav />
      <h1>{t("users")}</h1>
      <div aria-live="polite">
        {actionData?.done ? (
          <div className="alert alert-success" role="status">
            <p>{t(actionData.done.key, actionData.done.values)}</p>
          </div>
        ) : null}
      </div>
      <FormErrors errors={manageErrors} />
      {actionData?.confirm ? (
        <ConfirmStep
          message={t(actionData.confirm.key, actionData.confirm.values)}
          fields={actionData.confirm.fields}
          confirmLabel={t("usersTable.confirmYes")}
          cancelLabel={t("usersTable.cancel")}
          cancelTo="/admin/users"
        />
      ) : null}

      <h2>{t("invite.title")}</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="invite" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t("invite.email")} field={fields.email} type="email" inputProps={{ autoComplete: "off" }} />
        <SelectField label={t("invite.role")} field={fields.role} options={INVITED_ROLES.map((role) => ({ value: role, label: t(`common:roles.${role}`) }))} />
        <SelectField
          label={t("invite.language")}
          field={fields.locale}
          options={LOCALES.map((locale) => ({ value: locale, label: t(`languages.${locale}`), lang: locale }))}
        />
        <div>
          <button type="submit">{t("invite.submit")}</button>
        </div>
      </Form>

      <h2>{t("invite.pending")}</h2>
      {invitations.length === 0 ? (
        <p>{t("invite.nonePending")}</p>
      ) : (
        <TableWrap>
          <table>
            <caption className="visually-hidden">{t("invite.pending")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("invite.email")}</th>
                <th scope="col">{t("invite.role")}</th>
                <th scope="col">{t("invite.invitedBy")}</th>
                <th scope="col">{t("invite.expires")}</th>
                <th scope="col">{t("usersTable.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((inv) => (
                <tr key={inv.id}>
                  <th scope="row">{inv.email}</th>
                  <td>{t(`common:roles.${inv.role}`)}</td>
                  <td>{inv.invitedBy ?? "—"}</td>
                  <td>
                    <DateTime value={inv.expiresAt} />
                  </td>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="revoke-invitation" />
                      <input type="hidden" name="invitationId" value={inv.id} />
                      <button type="submit" className="secondary">
                        {t("invite.revoke")}
                        <span className="visually-hidden"> {inv.email}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}

      <h2>{t("usersTable.title")}</h2>
      <TableWrap>
        <table>
          <caption className="visually-hidden">{t("usersTable.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("usersTable.name")}</th>
              <th scope="col">{t("usersTable.email")}</th>
              <th scope="col">{t("usersTable.role")}</th>
              <th scope="col">{t("usersTable.verification")}</th>
              <th scope="col">{t("usersTable.status")}</th>
              <th scope="col">{t("usersTable.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => {
              const self = user.id === currentUserId;
              return (
                <tr key={user.id}>
                  <th scope="row">
                    {user.displayName} {self ? <span className="badge">{t("usersTable.you")}</span> : null}
                  </th>
                  <td>{user.email}</td>
                  <td>
                    {self ? (
                      t(`common:roles.${user.role}`)
                    ) : (
                      <Form method="post" className="row-form">
                        <input type="hidden" name="intent" value="change-role" />
                        <input type="hidden" name="userId" value={user.id} />
                        <label htmlFor={`role-${user.id}`} className="visually-hidden">
                          {t("usersTable.roleFor", { name: user.displayName })}
                        </label>
                        <select id={`role-${user.id}`} name="role" defaultValue={user.role}>
                          {ACCOUNT_ROLES.map((role) => (
                            <option key={role} value={role}>
                              {t(`common:roles.${role}`)}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="secondary">
                          {t("usersTable.saveRole")}
                          <span className="visually-hidden"> ({user.displayName})</span>
                        </button>
                      </Form>
                    )}
                  </td>
                  <td>{user.emailVerifiedAt ? t("usersTable.verified") : t("usersTable.unverified")}</td>
                  <td>{user.deactivatedAt ? t("usersTable.deactivated") : t("usersTable.active")}</td>
                  <td>
                    {self ? null : (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value={user.deactivatedAt ? "reactivate" : "deactivate"} />
                        <input type="hidden" name="userId" value={user.id} />
                        <button type="submit" className={user.deactivatedAt ? "secondary" : "danger"}>
                          {user.deactivatedAt ? t("usersTable.reactivate") : t("usersTable.deactivate")}
                          <span className="visually-hidden"> ({user.displayName})</span>
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
