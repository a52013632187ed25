// The sunshine module's browser-safe surface: the open-meetings rules' types, defaults and helpers.

/** The rules in force (admin settings; Missouri defaults). */
export type SunshineRules = {
  noticeHours: number;
  weekendsCount: boolean;
  holidaysCount: boolean;
  recordsBusinessDays: number;
};

/** Missouri's Sunshine Law (RSMo chapter 610): 24 hours' notice not counting weekends and holidays; records in 3 business days. */
export const MISSOURI_DEFAULTS: SunshineRules = { noticeHours: 24, weekendsCount: false, holidaysCount: false, recordsBusinessDays: 3 };

export type Holiday = { day: string; nameEn: string; nameEs: string };

/** A reason a meeting may be closed, as the admin list keeps it. */
export type ClosedException = {
  code: string;
  citation: string;
  titleEn: string;
  titleEs: string;
  descriptionEn: string;
  descriptionEs: string;
  active: boolean;
};

/** The exception's title and plain-words description in the reader's language. */
export function exceptionText(e: Pick<ClosedException, "citation" | "titleEn" | "titleEs" | "descriptionEn" | "descriptionEs">, language: string) {
  const es = language.startsWith("es");
  return { citation: e.citation, title: es ? e.titleEs : e.titleEn, description: es ? e.descriptionEs : e.descriptionEn };
}

/** A holiday's name in the reader's language. */
export function holidayName(h: Pick<Holiday, "nameEn" | "nameEs">, language: string) {
  return language.startsWith("es") ? h.nameEs : h.nameEn;
}

/** The i18n key (sunshine namespace) saying the notice rule in plain words; `{{hours}}` is the value. */
export function noticeRuleKey(rules: Pick<SunshineRules, "weekendsCount" | "holidaysCount">): string {
  if (!rules.weekendsCount && !rules.holidaysCount) return "sunshine:rule.notice_noWeekendsNoHolidays";
  if (!rules.weekendsCount) return "sunshine:rule.notice_noWeekends";
  if (!rules.holidaysCount) return "sunshine:rule.notice_noHolidays";
  return "sunshine:rule.notice_all";
}
