import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, FormErrors } from "~/components/form";
import { isTokenUsable } from "~/modules/auth/index.server";
import { ResetPasswordSchema } from "~/modules/auth/schemas";
import { blankSessionCookie, resetPassword } from "~/modules/auth/index.server";
import { setFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "resetPassword");

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  // Looked at, not used up: the token is spent only when the new password is saved.
  const usable = Boolean(token && token.length <= 200 && (await isTokenUsable(token, "reset_password")));
  return json({ token: usable ? token : null }, { status: usable ? 200 : 400 });
}

export async function action({ request }: ActionFunctionArgs) {
  const { submission } = await parseForm(request, ResetPasswordSchema);
  if (submission.status !== "success") {
    return json({ invalid: false, result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const userId = await resetPassword(submission.value.token, submission.value.password);
  if (!userId) {
    return json({ invalid: true, result: submission.reply({ formErrors: ["auth:reset.invalid"], hideFields: ["password"] }) }, { status: 400 });
  }
  // Every session of that account has ended, this browser's included.
  const headers = new Headers();
  headers.append("Set-Cookie", blankSessionCookie());
  headers.append("Set-Cookie", await setFlash({ key: "auth:reset.done" }));
  return redirect("/login", { headers });
}

export default function ResetPasswordPage() {
  const { t } = useTranslation("auth");
  const { token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ResetPasswordSchema),
    shouldRevalidate: "onBlur",
  });
  if (!token || actionData?.invalid) {
    return (
      <section>
        <h1>{t("reset.title")}</h1>
        <div className="alert alert-error" role="alert">
          <p>{t("reset.invalid")}</p>
        </div>
        <p>
          <Link to="/forgot-password">{t("reset.askAgain")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section>
      <h1>{t("reset.title")}</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="token" value={token} />
        <ErrorList id={fields.token.errorId} errors={fields.token.errors} />
        <Field
          label={t("reset.password")}
          field={fields.password}
          type="password"
          hint={t("reset.passwordHint")}
          inputProps={{ autoComplete: "new-password" }}
        />
        <div>
          <button type="submit">{t("reset.submit")}</button>
        </div>
      </Form>
    </section>
  );
}
