import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/form";
import { requireUser } from "~/modules/auth/index.server";
import { getAccount } from "~/modules/auth/index.server";
import { AccountSchema, ChangeEmailSchema, ChangePasswordSchema } from "~/modules/auth/schemas";
import { changePassword, normalizeEmail, requestEmailChange } from "~/modules/auth/index.server";
import { readFormData, readIntent } from "~/utils/forms.server";
import { enforceRateLimits } from "~/utils/rate-limit.server";
import { appOrigin } from "~/utils/request.server";
import { notFound } from "~/utils/errors";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "account");

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const account = await getAccount(user.id);
  if (!account) notFound();
  return json({ account: { ...account, emailVerified: Boolean(account.emailVerifiedAt) } });
}

const PASSWORD_FIELDS = ["currentPassword", "newPassword"];

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser({ request, context });
  const formData = await readFormData(request);
  const intent = readIntent(formData, ["change-email", "change-password"]);
  const submission = parseWithZod(formData, { schema: AccountSchema });
  if (submission.status !== "success") {
    return json({ intent, done: null, result: submission.reply({ hideFields: PASSWORD_FIELDS }) }, { status: 400 });
  }
  const value = submission.value;
  if (value.intent === "change-email") {
    if (normalizeEmail(value.email) === normalizeEmail(user.email)) {
      return json({ intent, done: null, result: submission.reply({ fieldErrors: { email: ["auth:account.sameEmail"] } }) }, { status: 400 });
    }
    // Each request emails an address the user typed: keep that from becoming a mail cannon.
    await enforceRateLimits([`change-email:user:${user.id}`], 5, 600);
    const requested = await requestEmailChange(user, value.email, value.currentPassword, appOrigin(request));
    if (!requested.ok && requested.reason === "wrong_password") {
      return json(
        { intent, done: null, result: submission.reply({ fieldErrors: { currentPassword: ["auth:account.wrongPassword"] }, hideFields: PASSWORD_FIELDS }) },
        { status: 400 },
      );
    }
    if (!requested.ok) {
      return json({ intent, done: null, result: submission.reply({ fieldErrors: { email: ["auth:account.emailTaken"] } }) }, { status: 400 });
    }
    return json({ intent, done: "auth:account.changeEmailSent", result: submission.reply({ resetForm: true }) });
  }
  await enforceRateLimits([`change-password:user:${user.id}`], 10);
  if (!(await changePassword(user.id, value.currentPassword, value.newPassword, context.session?.id))) {
    return json(
      { intent, done: null, result: submission.reply({ fieldErrors: { currentPassword: ["auth:account.wrongPassword"] }, hideFields: PASSWORD_FIELDS }) },
      { status: 400 },
    );
  }
  return json({ intent, done: "auth:account.passwordChanged", result: submission.reply({ resetForm: true }) });
}

export default function AccountPage() {
  const { t } = useTranslation("auth");
  const { account } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [emailForm, emailFields] = useForm({
    id: "change-email",
    lastResult: actionData?.intent === "change-email" ? actionData.result : undefined,
    constraint: getZodConstraint(ChangeEmailSchema),
    shouldRevalidate: "onBlur",
  });
  const [passwordForm, passwordFields] = useForm({
    id: "change-password",
    lastResult: actionData?.intent === "change-password" ? actionData.result : undefined,
    constraint: getZodConstraint(ChangePasswordSchema),
    shouldRevalidate: "onBlur",
  });
  return (
    <section>
      <h1>{t("account.title")}</h1>
      {!account.emailVerified ? (
        <div className="alert alert-info">
          <p>{t("verify.unverified")}</p>
          <Form method="post" action="/verify-email" className="inline-form">
            <button type="submit" className="secondary">
              {t("verify.resend")}
            </button>
          </Form>
        </div>
      ) : null}
      <div aria-live="polite">
        {actionData?.done ? (
          <div className="alert alert-success" role="status">
            <p>{t(actionData.done)}</p>
          </div>
        ) : null}
      </div>

      <h2>{t("account.profile")}</h2>
      <dl className="account-profile">
        <dt>{t("account.name")}</dt>
        <dd>{account.displayName}</dd>
        <dt>{t("account.email")}</dt>
        <dd>
          {account.email} <span className="badge">{account.emailVerified ? t("account.verified") : t("account.notVerified")}</span>
        </dd>
        <dt>{t("account.role")}</dt>
        <dd>{t(`common:roles.${account.role}`)}</dd>
      </dl>
      <p>
        <Link to="/account/sessions">{t("account.sessionsLink")}</Link>
      </p>

      <h2>{t("account.changeEmail")}</h2>
      <Form method="post" className="stack" {...getFormProps(emailForm)}>
        <input type="hidden" name="intent" value="change-email" />
        <FormErrors id={emailForm.errorId} errors={emailForm.errors} />
        <Field label={t("account.newEmail")} field={emailFields.email} type="email" inputProps={{ autoComplete: "email" }} />
        <Field label={t("account.changeEmailPassword")} field={emailFields.currentPassword} type="password" inputProps={{ autoComplete: "current-password" }} />
        <div>
          <button type="submit">{t("account.changeEmailSubmit")}</button>
        </div>
      </Form>

      <h2>{t("account.changePassword")}</h2>
      <Form method="post" className="stack" {...getFormProps(passwordForm)}>
        <input type="hidden" name="intent" value="change-password" />
        <FormErrors id={passwordForm.errorId} errors={passwordForm.errors} />
        <Field label={t("account.currentPassword")} field={passwordFields.currentPassword} type="password" inputProps={{ autoComplete: "current-password" }} />
        <Field
          label={t("account.newPassword")}
          field={passwordFields.newPassword}
          type="password"
          hint={t("reset.passwordHint")}
          inputProps={{ autoComplete: "new-password" }}
        />
        <div>
          <button type="submit">{t("account.changePasswordSubmit")}</button>
        </div>
      </Form>
    </section>
  );
}
