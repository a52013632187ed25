import { dateTimeFormat } from "~/utils/intl";
/** "ABCDEFGHJKMN" → "ABCD-EFGH-JKMN", easier to read aloud and copy. */
export function formatTrackingCode(code: string) {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}

/** A kind's name in the reader's language. */
export function kindName(kind: { nameEn: string; nameEs: string }, locale: string) {
  return locale === "es" ? kind.nameEs : kind.nameEn;
}

/** "2026-03" → "March 2026" / "marzo de 2026". */
export function monthLabel(month: string, locale: string) {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return dateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
}

export function dayLabel(day: string, locale: string) {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return dateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}
