import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/form";
import { requireVisitor, safeRedirect } from "~/modules/auth/index.server";
import { LoginSchema } from "~/modules/auth/schemas";
import { enforceAuthRateLimit } from "~/modules/auth/index.server";
import { startSession, verifyLogin } from "~/modules/auth/index.server";
import { parseForm } from "~/utils/forms.server";
import { sessionMeta } from "~/utils/request.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "login");

export async function loader(args: LoaderFunctionArgs) {
  requireVisitor(args);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  // The per-address limit before the body is parsed; the per-account one once the email is known.
  await enforceAuthRateLimit("login", context.clientIp, null);
  const { submission } = await parseForm(request, LoginSchema);
  await enforceAuthRateLimit("login", null, submission.payload.email);
  if (submission.status !== "success") {
    return json({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const user = await verifyLogin(submission.value.email, submission.value.password);
  if (!user) {
    return json({ result: submission.reply({ formErrors: ["auth:login.failed"], hideFields: ["password"] }) }, { status: 400 });
  }
  const { cookie } = await startSession(user.id, sessionMeta(request, context));
  return redirect(safeRedirect(submission.value.redirectTo), { headers: { "Set-Cookie": cookie } });
}

export default function LoginPage() {
  const { t } = useTranslation("auth");
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    constraint: getZodConstraint(LoginSchema),
    shouldRevalidate: "onBlur",
  });
  return (
    <section>
      <h1>{t("login.title")}</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field label={t("login.email")} field={fields.email} type="email" inputProps={{ autoComplete: "email" }} />
        <Field label={t("login.password")} field={fields.password} type="password" inputProps={{ autoComplete: "current-password" }} />
        <div className="actions">
          <button type="submit">{t("login.submit")}</button>
          <Link to="/forgot-password">{t("login.forgot")}</Link>
        </div>
      </Form>
      <p>
        {t("login.noAccount")} <Link to="/signup">{t("login.signupLink")}</Link>
      </p>
      <p className="muted">{t("login.invited")}</p>
    </section>
  );
}
