import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/utils/clock";

/** A date and time in the county's zone and the page's language, machine-readable in dateTime. */
export function DateTime({ value }: { value: string | Date | null | undefined }) {
  const { i18n } = useTranslation();
  if (!value) return null;
  const date = new Date(value);
  return <time dateTime={date.toISOString()}>{formatDateTime(date, i18n.language)}</time>;
}
