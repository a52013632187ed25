import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/form";
import { i18nServer } from "~/i18n/i18n.server";
import { requireVisitor } from "~/modules/auth/index.server";
import { SignupSchema } from "~/modules/auth/schemas";
import { registerResident } from "~/modules/auth/index.server";
import { setFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms.server";
import { enforceRateLimits } from "~/utils/rate-limit.server";
import { appOrigin } from "~/utils/request.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "signup");

export async function loader(args: LoaderFunctionArgs) {
  requireVisitor(args);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await enforceRateLimits([`signup:ip:${context.clientIp}`], 10);
  const { submission } = await parseForm(request, SignupSchema);
  if (submission.status !== "success") {
    return json({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const locale = await i18nServer.getLocale(request);
  // The same answer whether or not the address already has an account (its owner is emailed
  // instead): nobody learns from this form which addresses are registered. The password was hashed
  // in both cases, so the timing is of one class too.
  await registerResident({ ...submission.value, locale }, appOrigin(request));
  return redirect("/login", { headers: { "Set-Cookie": await setFlash({ key: "auth:signup.done" }) } });
}

export default function SignupPage() {
  const { t } = useTranslation("auth");
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "signup",
    lastResult: actionData?.result,
    constraint: getZodConstraint(SignupSchema),
    shouldRevalidate: "onBlur",
  });
  return (
    <section>
      <h1>{t("signup.title")}</h1>
      <p className="lead">{t("signup.lead")}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t("signup.displayName")} field={fields.displayName} inputProps={{ autoComplete: "name" }} />
        <Field label={t("signup.email")} field={fields.email} type="email" inputProps={{ autoComplete: "email" }} />
        <Field
          label={t("signup.password")}
          field={fields.password}
          type="password"
          hint={t("signup.passwordHint")}
          inputProps={{ autoComplete: "new-password" }}
        />
        <div>
          <button type="submit">{t("signup.submit")}</button>
        </div>
      </Form>
    </section>
  );
}
