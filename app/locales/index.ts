// Each module adds its namespace here (one line per language), keeping the two languages in step.
import enAdmin from "./en/admin.json";
import enAuth from "./en/auth.json";
import enCommon from "./en/common.json";
import enEmails from "./en/emails.json";
import enMetrics from "./en/metrics.json";
import enNotifications from "./en/notifications.json";
import esAdmin from "./es/admin.json";
import esAuth from "./es/auth.json";
import esCommon from "./es/common.json";
import esEmails from "./es/emails.json";
import esMetrics from "./es/metrics.json";
import esNotifications from "./es/notifications.json";

export const resources = {
  en: { common: enCommon, auth: enAuth, admin: enAdmin, emails: enEmails, notifications: enNotifications, metrics: enMetrics },
  es: { common: esCommon, auth: esAuth, admin: esAdmin, emails: esEmails, notifications: esNotifications, metrics: esMetrics },
} as const;

export type Locale = keyof typeof resources;
export const LOCALES = Object.keys(resources) as Locale[];
export const DEFAULT_LOCALE: Locale = "en";
export const NAMESPACES = Object.keys(resources.en) as (keyof typeof resources.en)[];

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as string[]).includes(value);
}
