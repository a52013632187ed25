import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint } from "@conform-to/zod";
import { json, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/form";
import { enforceAuthRateLimit } from "~/modules/auth/index.server";
import { ForgotPasswordSchema } from "~/modules/auth/schemas";
import { requestPasswordReset } from "~/modules/auth/index.server";
import { parseForm } from "~/utils/forms.server";
import { appOrigin } from "~/utils/request.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "forgotPassword");

export async function action({ request, context }: ActionFunctionArgs) {
  // The per-address limit before the body is parsed; the per-account one once the email is known.
  await enforceAuthRateLimit("reset", context.clientIp, null);
  const { submission } = await parseForm(request, ForgotPasswordSchema);
  await enforceAuthRateLimit("reset", null, submission.payload.email);
  if (submission.status !== "success") {
    return json({ sent: false, result: submission.reply() }, { status: 400 });
  }
  // The answer is the same whether or not an account uses this email.
  await requestPasswordReset(submission.value.email, appOrigin(request));
  return json({ sent: true, result: submission.reply() });
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation("auth");
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ForgotPasswordSchema),
    shouldRevalidate: "onBlur",
  });
  return (
    <section>
      <h1>{t("forgot.title")}</h1>
      <p className="lead">{t("forgot.lead")}</p>
      <div aria-live="polite">
        {actionData?.sent ? (
          <div className="alert alert-success" role="status">
            <p>{t("forgot.sent")}</p>
          </div>
        ) : null}
      </div>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t("forgot.email")} field={fields.email} type="email" inputProps={{ autoComplete: "email" }} />
        <div className="actions">
          <button type="submit">{t("forgot.submit")}</button>
          <Link to="/login">{t("common:nav.login")}</Link>
        </div>
      </Form>
    </section>
  );
}
