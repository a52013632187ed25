// The languages the portal speaks. Kept apart from the strings (index.ts) so that code which
// runs in the browser can import these without pulling every translation into the bundle.
export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
