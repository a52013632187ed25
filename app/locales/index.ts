// Server-side: every string of every namespace. Browser code imports ./config instead.
// One JSON file per namespace and language; keep the two languages in step (a test checks the keys match).
import enCommon from "./en/common.json";
import enAdmin from "./en/admin.json";
import enAnalyses from "./en/analyses.json";
import enAuth from "./en/auth.json";
import enBriefs from "./en/briefs.json";
import enComments from "./en/comments.json";
import enConcerns from "./en/concerns.json";
import enConsultations from "./en/consultations.json";
import enEmails from "./en/emails.json";
import enMeetings from "./en/meetings.json";
import enMetrics from "./en/metrics.json";
import enNotifications from "./en/notifications.json";
import enPolicies from "./en/policies.json";
import enResponses from "./en/responses.json";
import enRichtext from "./en/richtext.json";
import enSearch from "./en/search.json";
import enRecords from "./en/records.json";
import enOpendata from "./en/opendata.json";
import enSunshine from "./en/sunshine.json";
import esCommon from "./es/common.json";
import esAdmin from "./es/admin.json";
import esAnalyses from "./es/analyses.json";
import esAuth from "./es/auth.json";
import esBriefs from "./es/briefs.json";
import esComments from "./es/comments.json";
import esConcerns from "./es/concerns.json";
import esConsultations from "./es/consultations.json";
import esEmails from "./es/emails.json";
import esMeetings from "./es/meetings.json";
import esMetrics from "./es/metrics.json";
import esNotifications from "./es/notifications.json";
import esPolicies from "./es/policies.json";
import esResponses from "./es/responses.json";
import esRichtext from "./es/richtext.json";
import esSearch from "./es/search.json";
import esRecords from "./es/records.json";
import esOpendata from "./es/opendata.json";
import esSunshine from "./es/sunshine.json";

export const resources = {
  en: {
    common: enCommon,
    admin: enAdmin,
    analyses: enAnalyses,
    auth: enAuth,
    briefs: enBriefs,
    comments: enComments,
    concerns: enConcerns,
    consultations: enConsultations,
    emails: enEmails,
    meetings: enMeetings,
    metrics: enMetrics,
    notifications: enNotifications,
    policies: enPolicies,
    responses: enResponses,
    richtext: enRichtext,
    search: enSearch,
    records: enRecords,
    opendata: enOpendata,
    sunshine: enSunshine,
  },
  es: {
    common: esCommon,
    admin: esAdmin,
    analyses: esAnalyses,
    auth: esAuth,
    briefs: esBriefs,
    comments: esComments,
    concerns: esConcerns,
    consultations: esConsultations,
    emails: esEmails,
    meetings: esMeetings,
    metrics: esMetrics,
    notifications: esNotifications,
    policies: esPolicies,
    responses: esResponses,
    richtext: esRichtext,
    search: esSearch,
    records: esRecords,
    opendata: esOpendata,
    sunshine: esSunshine,
  },
} as const;

export { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "./config";
