import type { AppLoadContext } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { i18nServer, localeCookie } from "~/i18n/i18n.server";
import { DEFAULT_LOCALE, isLocale } from "~/locales";
import { notFound } from "~/utils/errors";

/** The reader's language, decided as the root loader decides it (cookie, account, browser). */
export async function readerLocale(request: Request, context: AppLoadContext) {
  const chosen = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(chosen)) return chosen;
  if (isLocale(context.user?.locale)) return context.user.locale;
  const detected = await i18nServer.getLocale(request);
  return isLocale(detected) ? detected : DEFAULT_LOCALE;
}

/** A route's :id that is not a UUID is simply not found (never a database error). */
export function analysisIdParam(id: string | undefined) {
  const parsed = z.string().uuid().safeParse(id);
  if (!parsed.success) notFound();
  return parsed.data;
}
