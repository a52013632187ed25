// Each module adds its namespace here (one line per language), keeping the two languages in step.
import enAdmin from "./en/admin.json";
import enAnalyses from "./en/analyses.json";
import enAuth from "./en/auth.json";
import enCommon from "./en/common.json";
import enEmails from "./en/emails.json";
import enNotifications from "./en/notifications.json";
import enRichtext from "./en/richtext.json";
import enBriefs from "./en/briefs.json";
import enComments from "./en/comments.json";
import enConsultations from "./en/consultations.json";
import enSearch from "./en/search.json";
import esAdmin from "./es/admin.json";
import esAnalyses from "./es/analyses.json";
import esAuth from "./es/auth.json";
import esCommon from "./es/common.json";
import esEmails from "./es/emails.json";
import esNotifications from "./es/notifications.json";
import esRichtext from "./es/richtext.json";
import esBriefs from "./es/briefs.json";
import esComments from "./es/comments.json";
import esConsultations from "./es/consultations.json";
import esSearch from "./es/search.json";

export const resources = {
  en: {
    common: enCommon,
    auth: enAuth,
    admin: enAdmin,
    emails: enEmails,
    notifications: enNotifications,
    analyses: enAnalyses,
    richtext: enRichtext,
    briefs: enBriefs,
    comments: enComments,
    consultations: enConsultations,
    search: enSearch,
  },
  es: {
    common: esCommon,
    auth: esAuth,
    admin: esAdmin,
    emails: esEmails,
    notifications: esNotifications,
    analyses: esAnalyses,
    richtext: esRichtext,
    briefs: esBriefs,
    comments: esComments,
    consultations: esConsultations,
    search: esSearch,
  },
} as const;

export type Locale = keyof typeof resources;
export const LOCALES = Object.keys(resources) as Locale[];
export const DEFAULT_LOCALE: Locale = "en";
export const NAMESPACES = Object.keys(resources.en) as (keyof typeof resources.en)[];

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as string[]).includes(value);
}
