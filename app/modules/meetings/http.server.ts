import { json, type AppLoadContext } from "@remix-run/node";
import { localeCookie, i18nServer } from "~/i18n/i18n.server";
import { DEFAULT_LOCALE, isLocale } from "~/locales";
import { getUser } from "~/modules/auth/index.server";
import { readRichTextField, richTextErrorKey, type RichText } from "~/modules/richtext/index.server";
import { domainErrorReply, type Reply } from "~/utils/forms.server";
import { appOrigin } from "~/utils/request.server";
import { countyTimeZone } from "./config.server";

/** The reader's language, chosen the way the root layout chooses it (so dates match the page). */
export async function requestLocale(request: Request, context: AppLoadContext): Promise<string> {
  const chosen = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(chosen)) return chosen;
  const user = getUser({ context });
  if (isLocale(user?.locale)) return user.locale;
  const detected = await i18nServer.getLocale(request);
  return isLocale(detected) ? detected : DEFAULT_LOCALE;
}

export function serviceContext(request: Request, context: AppLoadContext) {
  return { origin: appOrigin(request), ip: context.clientIp };
}

export function timeContext() {
  return { timeZone: countyTimeZone() };
}

export type RichField = { ok: true; value: RichText | null | undefined } | { ok: false; error: string };

/**
 * A rich-text field of a meetings form, through the shared module: `name` carries the editor's
 * JSON, `name__text` the no-JavaScript textarea. `value` is undefined when neither was posted and
 * null when it was posted empty (allowed only when the field is optional).
 */
export function readRichField(formData: FormData, name: string, { required }: { required: boolean }): RichField {
  const result = readRichTextField(formData, name, "document");
  if (!result) return required ? { ok: false, error: "common:errors.required" } : { ok: true, value: undefined };
  if (!result.ok) {
    if (result.error === "empty") return required ? { ok: false, error: "common:errors.required" } : { ok: true, value: null };
    return { ok: false, error: richTextErrorKey(result.error) };
  }
  return { ok: true, value: result };
}

/**
 * A 400 with the schema's errors plus the rich-text field's. The editor's JSON is not echoed back
 * (the page's editor still holds it); the textarea's text is, so nothing typed is lost without JS.
 */
export function invalid(submission: Reply, intent: string, name: string, field: RichField) {
  const fieldErrors = field.ok ? undefined : { [name]: [field.error] };
  return json({ intent, result: submission.reply({ ...(fieldErrors ? { fieldErrors } : {}), hideFields: [name] }) }, { status: 400 });
}

/** A refusal from the module as the form's error (its status); not found / forbidden as those pages. */
export function refusal(submission: Reply, intent: string, error: unknown) {
  const { result, status } = domainErrorReply(submission, error);
  return json({ intent, result }, { status });
}
