import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LOCALE } from "~/locales/config";
import { createI18n, stringsAt } from "./instance";

/** What a route's `meta` receives that a title needs: the matches (the root's data names the language). */
type MetaMatches = { matches: ReadonlyArray<{ id: string; data?: unknown } | undefined> };

/** A part of a title: a key under `common:titles` ("dashboard.index"), or a text as it is ({ text: brief.title }). */
export type TitlePart = string | { text: string } | null | undefined | false;

/**
 * The one way a page names itself in `<title>`, in the reader's language: `meta` has no i18next
 * instance of its own, so it reads the root loader's language and strings file (registered on the
 * server, fetched before hydration in the browser) and translates keys of `common:titles`.
 * Parts are joined with " · " and the portal's name ends the title:
 *   pageTitle(args, "dashboard.responseTime", "dashboard.index") → "Días para responder · Panel · Portal del CAB".
 */
export function pageTitle(args: MetaMatches, ...parts: TitlePart[]): MetaDescriptor[] {
  return [{ title: titleText(args, ...parts) }];
}

/** The title as a string (for a meta function that adds more descriptors). */
export function titleText(args: MetaMatches, ...parts: TitlePart[]): string {
  const t = metaT(args);
  const words = parts.flatMap((p) => (!p ? [] : typeof p === "string" ? [t(`titles.${p}`)] : p.text ? [p.text] : []));
  return [...words, t("appName")].join(" · ");
}

/** The reader's language, for a meta function that picks a localized field (a measure's name). */
export function metaLocale(args: MetaMatches): string {
  return rootData(args)?.locale ?? DEFAULT_LOCALE;
}

/** A translator for `meta`, in the reader's language (English keys as they are when no strings have arrived). */
export function metaT(args: MetaMatches): (key: string, values?: Record<string, unknown>) => string {
  const root = rootData(args);
  const resources = stringsAt(root?.strings);
  if (!resources) return (key, values) => (typeof values?.defaultValue === "string" ? values.defaultValue : (FALLBACK[key] ?? key));
  const i18n = createI18n(root?.locale ?? DEFAULT_LOCALE, resources);
  return (key, values) => i18n.t(key, { ns: "common", ...values }) as string;
}

function rootData(args: MetaMatches) {
  const root = args.matches.find((m) => m?.id === "root");
  return root?.data as { locale?: string; strings?: string } | undefined;
}

// Without the root's data (its loader failed) the titles stay English.
const FALLBACK: Record<string, string> = { appName: "CAB Portal" };
