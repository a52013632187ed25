import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/form";
import { i18nServer } from "~/i18n/i18n.server";
import { AcceptInvitationSchema } from "~/modules/auth/schemas";
import { acceptInvitation, findOpenInvitation, signOut, startSession } from "~/modules/auth/index.server";
import { setFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms.server";
import { enforceRateLimits } from "~/utils/rate-limit.server";
import { sessionMeta } from "~/utils/request.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "invitation");

async function openInvitation(token: string | undefined) {
  if (!token || token.length > 200) return null;
  return findOpenInvitation(token);
}

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await openInvitation(params.token);
  // Expired, used, revoked or unknown: one clear refusal, with no hint which.
  if (!invitation) return json({ invitation: null }, { status: 400 });
  return json({ invitation: { email: invitation.email, role: invitation.role } });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  await enforceRateLimits([`invitation:ip:${context.clientIp}`], 10);
  const { submission } = await parseForm(request, AcceptInvitationSchema);
  if (submission.status !== "success") {
    return json({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const token = params.token ?? "";
  const locale = await i18nServer.getLocale(request);
  const accepted = token.length > 200 ? ({ ok: false, reason: "invalid" } as const) : await acceptInvitation(token, { ...submission.value, locale });
  if (!accepted.ok) {
    const message = accepted.reason === "email_taken" ? "auth:invite.emailTaken" : "auth:invite.invalid";
    return json({ result: submission.reply({ formErrors: [message], hideFields: ["password"] }) }, { status: 400 });
  }
  // Whoever was signed in on this browser before is signed out: it now belongs to the new account.
  if (context.session) await signOut(context.session.id);
  const { cookie } = await startSession(accepted.user.id, sessionMeta(request, context));
  const headers = new Headers();
  headers.append("Set-Cookie", cookie);
  headers.append("Set-Cookie", await setFlash({ key: "auth:invite.done" }));
  return redirect("/account", { headers });
}

export default function AcceptInvitationPage() {
  const { t } = useTranslation("auth");
  const { invitation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "accept-invitation",
    lastResult: actionData?.result,
    constraint: getZodConstraint(AcceptInvitationSchema),
    shouldRevalidate: "onBlur",
  });
  if (!invitation) {
    return (
      <section>
        <h1>{t("invite.title")}</h1>
        <div className="alert alert-error" role="alert">
          <p>{t("invite.invalid")}</p>
        </div>
      </section>
    );
  }
  return (
    <section>
      <h1>{t("invite.title")}</h1>
      <p className="lead">{t("invite.lead", { role: t(`common:roles.${invitation.role}`), email: invitation.email })}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t("invite.displayName")} field={fields.displayName} inputProps={{ autoComplete: "name" }} />
        <Field
          label={t("invite.password")}
          field={fields.password}
          type="password"
          hint={t("invite.passwordHint")}
          inputProps={{ autoComplete: "new-password" }}
        />
        <div>
          <button type="submit">{t("invite.submit")}</button>
        </div>
      </Form>
    </section>
  );
}
