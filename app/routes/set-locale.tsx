import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { localeCookie } from "~/i18n/i18n.server";
import { isLocale } from "~/locales/config";
import { getUser, safeRedirect } from "~/modules/auth/index.server";
import { setUserLocale } from "~/modules/auth/index.server";
import { readFormData } from "~/utils/forms.server";

/** The language switch: a plain form post, so it works without JavaScript. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const locale = form.get("locale");
  const to = safeRedirect(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(to);
  const user = getUser({ context });
  if (user) await setUserLocale(user.id, locale);
  return redirect(to, { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}

export async function loader() {
  return redirect("/");
}
