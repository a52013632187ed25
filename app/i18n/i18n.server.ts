import crypto from "node:crypto";
import { secureCookies } from "~/utils/env.server";
import { createCookie } from "@remix-run/node";
import type { TFunction } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { DEFAULT_LOCALE, isLocale, LOCALES, resources, type Locale } from "~/locales";
import { createI18n, provideStrings } from "./instance";

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

/** Namespaces only the server uses (email texts): not sent to browsers. */
const SERVER_ONLY_NAMESPACES = new Set(["emails"]);

type StringsFile = { href: string; body: string };

/**
 * Each language's page strings as one static file named by its content's hash: the browser
 * caches it for good and a new build with other strings has another name.
 */
const files = new Map<Locale, StringsFile>(
  LOCALES.map((locale) => {
    const pageStrings = Object.fromEntries(Object.entries(resources[locale]).filter(([ns]) => !SERVER_ONLY_NAMESPACES.has(ns)));
    const body = JSON.stringify(pageStrings);
    const hash = crypto.createHash("sha256").update(body).digest("base64url").slice(0, 12);
    const href = `/locales/${locale}.${hash}.json`;
    provideStrings(href, pageStrings);
    return [locale, { href, body }];
  }),
);
const byName = new Map([...files.values()].map((f) => [f.href.slice("/locales/".length), f]));

/** The strings file of a locale, for the root loader to name. */
export function stringsHref(locale: Locale) {
  return files.get(locale)!.href;
}

/** A strings file by its name (`es.<hash>.json`), for the server to answer; null if none. */
export function stringsFile(name: string): string | null {
  return byName.get(name)?.body ?? null;
}

/**
 * A translator for a given locale, for emails and server-made messages: from one i18next
 * instance per language, made once (remix-i18next's getFixedT initialised a new one per call).
 */
export async function getFixedT(locale: string, namespace: string | string[] = "common"): Promise<TFunction> {
  const lng = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const ns = Array.isArray(namespace) ? namespace : [namespace];
  return createI18n(lng, resources[lng] as never).getFixedT(lng, ns) as TFunction;
}
