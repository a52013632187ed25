/**
 * Shared Intl formatters. Making an Intl.DateTimeFormat costs far more than using one (tens of
 * microseconds to milliseconds: locale data, time zone rules); a page that formats the date of
 * each of 50 comments spent most of its time there. Formatters are immutable, so one per
 * (locale, options) serves every request, on the server and in the browser.
 */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

export function dateTimeFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ""}\u0000${JSON.stringify(options)}`;
  let f = dateTimeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    // A bounded cache: the keys are a handful of locales × the options written in the code.
    if (dateTimeFormats.size > 500) dateTimeFormats.clear();
    dateTimeFormats.set(key, f);
  }
  return f;
}

export function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale ?? ""}\u0000${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    if (numberFormats.size > 500) numberFormats.clear();
    numberFormats.set(key, f);
  }
  return f;
}

const relativeTimeFormats = new Map<string, Intl.RelativeTimeFormat>();

export function relativeTimeFormat(locale: string | undefined, options: Intl.RelativeTimeFormatOptions = {}): Intl.RelativeTimeFormat {
  const key = `${locale ?? ""}\u0000${JSON.stringify(options)}`;
  let f = relativeTimeFormats.get(key);
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, options);
    if (relativeTimeFormats.size > 500) relativeTimeFormats.clear();
    relativeTimeFormats.set(key, f);
  }
  return f;
}
