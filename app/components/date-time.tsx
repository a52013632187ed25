import { useTranslation } from "react-i18next";
import { COUNTY_TIME_ZONE } from "~/utils/time-zone";
import { dateTimeFormat } from "~/utils/intl";

// The county's zone on the server and in the browser, so the hydrated text matches the server's.
export const APP_TIME_ZONE = COUNTY_TIME_ZONE;

export function formatDateTime(value: string | Date, locale: string) {
  return dateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: APP_TIME_ZONE }).format(new Date(value));
}

/** A date and time in the page's language, machine-readable in dateTime. */
export function DateTime({ value }: { value: string | Date | null | undefined }) {
  const { i18n } = useTranslation();
  if (!value) return null;
  const date = new Date(value);
  return <time dateTime={date.toISOString()}>{formatDateTime(date, i18n.language)}</time>;
}
