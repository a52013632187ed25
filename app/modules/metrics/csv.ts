import { z } from "zod";
import { AGE_BANDS, CSV_COLUMNS, DECLINE_REASONS, DISPOSITIONS, DRUG_LEVELS, FILING_GROUNDS, OFFENSE_CATEGORIES, RACE_ETHNICITIES, SEXES } from "./catalogue";
import { addMonths, isValidDay } from "~/utils/clock";

/** Error messages are i18n keys in the "metrics" namespace. */
const E = {
  required: "metrics:csv.errors.required",
  date: "metrics:csv.errors.date",
  code: "metrics:csv.errors.code",
  zip: "metrics:csv.errors.zip",
  agency: "metrics:csv.errors.agency",
  boolean: "metrics:csv.errors.boolean",
  text: "metrics:csv.errors.text",
  beforeReceived: "metrics:csv.errors.beforeReceived",
  outsidePeriod: "metrics:csv.errors.outsidePeriod",
  filedAndDeclined: "metrics:csv.errors.filedAndDeclined",
  drugLevel: "metrics:csv.errors.drugLevel",
  notDrug: "metrics:csv.errors.notDrug",
  declineReason: "metrics:csv.errors.declineReason",
  groundsNotFiled: "metrics:csv.errors.groundsNotFiled",
  duplicate: "metrics:csv.errors.duplicate",
  otherPeriod: "metrics:csv.errors.otherPeriod",
  missingColumn: "metrics:csv.errors.missingColumn",
  unknownColumn: "metrics:csv.errors.unknownColumn",
  columnCount: "metrics:csv.errors.columnCount",
} as const;
export const CSV_ERRORS = E;

const isRealDate = isValidDay;

const ID = /^[A-Za-z0-9._:/-]{1,64}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const OPTIONAL_DATE = /^(\d{4}-\d{2}-\d{2})?$/;
const req = (message: string) => ({ required_error: E.required, invalid_type_error: message });
const code = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { errorMap: (issue) => ({ message: issue.code === "invalid_type" ? E.required : E.code }) });
const optionalCode = <T extends readonly [string, ...string[]]>(values: T) =>
  z.union([z.literal(""), z.enum(values)], { errorMap: () => ({ message: E.code }) });
const FIELDS_DATE = ["received_date", "filed_date", "declined_date", "diverted_date", "disposed_date", "sentenced_date"] as const;

/**
 * One row, after normalize(): values trimmed, codes lower-cased, agency upper-cased, blanks "".
 * (Kept to plain checks: zod's transforms cost ten times as much on a 100,000-row file.)
 */
const CaseRowSchema = z.object({
  case_id: z.string(req(E.text)).min(1, E.required).regex(ID, E.text),
  participant_id: z.string(req(E.text)).min(1, E.required).regex(ID, E.text),
  received_date: z.string(req(E.date)).min(1, E.required).regex(DATE, E.date),
  offense_category: code(OFFENSE_CATEGORIES),
  drug_level: optionalCode(DRUG_LEVELS),
  race_ethnicity: code(RACE_ETHNICITIES),
  sex: code(SEXES),
  age_band: code(AGE_BANDS),
  referring_agency: z
    .string(req(E.agency))
    .min(1, E.required)
    .regex(/^[A-Z0-9][A-Z0-9 _-]{0,39}$/, E.agency),
  zip: z
    .string(req(E.zip))
    .min(1, E.required)
    .regex(/^\d{5}$/, E.zip),
  filed_date: z.string().regex(OPTIONAL_DATE, E.date),
  filing_grounds: optionalCode(FILING_GROUNDS),
  declined_date: z.string().regex(OPTIONAL_DATE, E.date),
  decline_reason: optionalCode(DECLINE_REASONS),
  diverted_date: z.string().regex(OPTIONAL_DATE, E.date),
  disposed_date: z.string().regex(OPTIONAL_DATE, E.date),
  sentenced_date: z.string().regex(OPTIONAL_DATE, E.date),
  disposition: optionalCode(DISPOSITIONS),
  firearm_recovered: z.enum(["true", "false", "yes", "no", "1", "0", "y", "n"], {
    errorMap: (issue) => ({ message: issue.code === "invalid_type" ? E.required : E.boolean }),
  }),
});

const OPTIONAL_COLUMNS = new Set(CSV_COLUMNS.filter((c) => !c.required).map((c) => c.name));
const CODE_COLUMNS = new Set(CSV_COLUMNS.filter((c) => c.format === "code" || c.format === "boolean").map((c) => c.name));

function normalize(record: Record<string, string | undefined>) {
  const out: Record<string, string | undefined> = {};
  for (const c of CSV_COLUMNS) {
    const raw = record[c.name];
    let v = raw === undefined ? (OPTIONAL_COLUMNS.has(c.name) ? "" : undefined) : raw.trim();
    if (v !== undefined && CODE_COLUMNS.has(c.name)) v = v.toLowerCase();
    if (v !== undefined && c.name === "referring_agency") v = v.toUpperCase();
    out[c.name] = v;
  }
  return out;
}

/** Cross-column rules, and real calendar dates. */
function rowRules(r: z.infer<typeof CaseRowSchema>): { column: string; message: string }[] {
  const issues: { column: string; message: string }[] = [];
  for (const key of FIELDS_DATE) {
    const v = r[key];
    if (v && !isRealDate(v)) issues.push({ column: key, message: E.date });
    else if (v && key !== "received_date" && v < r.received_date) issues.push({ column: key, message: E.beforeReceived });
  }
  if (r.filed_date && r.declined_date) issues.push({ column: "declined_date", message: E.filedAndDeclined });
  if (r.offense_category === "drug" && !r.drug_level) issues.push({ column: "drug_level", message: E.drugLevel });
  if (r.offense_category !== "drug" && r.drug_level) issues.push({ column: "drug_level", message: E.notDrug });
  if (r.filing_grounds && !r.filed_date) issues.push({ column: "filing_grounds", message: E.groundsNotFiled });
  if (r.declined_date && !r.decline_reason) issues.push({ column: "decline_reason", message: E.declineReason });
  return issues;
}

/** A validated row in the shape of metric_cases. */
export type CaseRow = {
  caseId: string;
  participantId: string;
  receivedDate: string;
  offenseCategory: string;
  drugLevel: string | null;
  raceEthnicity: string;
  sex: string;
  ageBand: string;
  referringAgency: string;
  zip: string;
  filedDate: string | null;
  /** community_concern | violence_connection; null (or absent) = not recorded. */
  filingGrounds?: string | null;
  declinedDate: string | null;
  declineReason: string | null;
  divertedDate: string | null;
  disposedDate: string | null;
  sentencedDate: string | null;
  disposition: string | null;
  firearmRecovered: boolean;
};

export type RowError = { row: number; column: string; message: string };

/** Checks the header row: every required column present, nothing unknown. */
export function validateHeader(header: string[]): RowError[] {
  const names = header.map((h) => h.trim().toLowerCase());
  const known = new Set(CSV_COLUMNS.map((c) => c.name));
  const errors: RowError[] = [];
  for (const c of CSV_COLUMNS) if (c.required && !names.includes(c.name)) errors.push({ row: 1, column: c.name, message: E.missingColumn });
  for (const n of names) if (!known.has(n)) errors.push({ row: 1, column: n || "(blank)", message: E.unknownColumn });
  return errors;
}

/** Validates one data row against the schema and the declared period [start, endExclusive). */
export function validateRow(
  record: Record<string, string | undefined>,
  rowNumber: number,
  period: { start: string; endExclusive: string },
): { ok: true; row: CaseRow } | { ok: false; errors: RowError[] } {
  const parsed = CaseRowSchema.safeParse(normalize(record));
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => ({ row: rowNumber, column: String(i.path[0] ?? ""), message: i.message })) };
  }
  const r = parsed.data;
  const issues = rowRules(r);
  if (issues.length) return { ok: false, errors: issues.map((i) => ({ row: rowNumber, ...i })) };
  if (r.received_date < period.start || r.received_date >= period.endExclusive) {
    return { ok: false, errors: [{ row: rowNumber, column: "received_date", message: E.outsidePeriod }] };
  }
  const orNull = (v: string) => (v === "" ? null : v);
  return {
    ok: true,
    row: {
      caseId: r.case_id,
      participantId: r.participant_id,
      receivedDate: r.received_date,
      offenseCategory: r.offense_category,
      drugLevel: orNull(r.drug_level),
      raceEthnicity: r.race_ethnicity,
      sex: r.sex,
      ageBand: r.age_band,
      referringAgency: r.referring_agency,
      zip: r.zip,
      filedDate: orNull(r.filed_date),
      filingGrounds: orNull(r.filing_grounds),
      declinedDate: orNull(r.declined_date),
      declineReason: orNull(r.decline_reason),
      divertedDate: orNull(r.diverted_date),
      disposedDate: orNull(r.disposed_date),
      sentencedDate: orNull(r.sentenced_date),
      disposition: orNull(r.disposition),
      firearmRecovered: ["true", "yes", "1", "y"].includes(r.firearm_recovered),
    },
  };
}

/** "2024-03" → "2024-03-01"; the month after → exclusive end. */
export function monthStart(ym: string) {
  return `${ym}-01`;
}
export function nextMonth(isoDate: string) {
  return addMonths(`${isoDate.slice(0, 7)}-01`, 1);
}

/** A published share (0–1) as the CSVs write it: percent to one decimal, or "withheld" when a count it uses is hidden. */
export function csvPercent(share: number | null | undefined) {
  return share === null || share === undefined ? "withheld" : (Math.round(share * 1000) / 10).toFixed(1);
}

/** A CSV line for a row (used by tests and the seeds' sample file). */
export function csvLine(values: (string | number | boolean | null | undefined)[]) {
  return values
    .map((v) => {
      const s = v === null || v === undefined ? "" : String(v);
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(",");
}
