import { secureCookies } from "~/utils/env.server";
import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { DEFAULT_LOCALE, LOCALES, resources, type Locale } from "~/locales";

export const localeCookie = createCookie("cab_lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: secureCookies(),
  maxAge: 60 * 60 * 24 * 365,
});

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...LOCALES],
    fallbackLanguage: DEFAULT_LOCALE,
    cookie: localeCookie,
    order: ["searchParams", "cookie", "header"],
    searchParamKey: "lng",
  },
  i18next: { resources, defaultNS: "common", fallbackLng: DEFAULT_LOCALE, interpolation: { escapeValue: false } },
});

/** A translator for a given locale, for emails and server-made messages. */
export function getFixedT(locale: string, namespace: string | string[] = "common") {
  return i18nServer.getFixedT(locale, namespace as "common");
}

/** Every string of a locale, for the root loader to hand to the page. */
export function stringsFor(locale: Locale) {
  return resources[locale];
}
