/** The office's time zone: server and browser format times the same way (no hydration mismatch). */
export const OFFICE_TIME_ZONE = "America/Chicago";

export function formatDateTime(iso: string | Date | null | undefined, locale: string) {
  if (!iso) return "";
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: OFFICE_TIME_ZONE }).format(new Date(iso));
}

export function formatDate(iso: string | Date | null | undefined, locale: string) {
  if (!iso) return "";
  const d = typeof iso === "string" && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: OFFICE_TIME_ZONE }).format(d);
}
