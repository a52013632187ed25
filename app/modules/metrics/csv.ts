import { z } from "zod";
import { AGE_BANDS, CSV_COLUMNS, DECLINE_REASONS, DISPOSITIONS, DRUG_LEVELS, OFFENSE_CATEGORIES, RACE_ETHNICITIES, SEXES } from "./catalogue";

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
  duplicate: "metrics:csv.errors.duplicate",
  otherPeriod: "metrics:csv.errors.otherPeriod",
  missingColumn: "metrics:csv.errors.missingColumn",
  unknownColumn: "metrics:csv.errors.unknownColumn",
  columnCount: "metrics:csv.errors.columnCount",
} as const;
export const CSV_ERRORS = E;

function isRealDate(s: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? v.trim() : v);
const text = z.string({ required_error: E.required }).trim().min(1, E.required).max(64, E.text).regex(/^[A-Za-z0-9._:/-]+$/, E.text);
const date = z.string({ required_error: E.required }).trim().min(1, E.required).refine(isRealDate, E.date);
const optionalDate = z.preprocess(blankToNull, z.string().refine(isRealDate, E.date).nullable());
const code = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), z.string({ required_error: E.required }).min(1, E.required).pipe(z.enum(values, { errorMap: () => ({ message: E.code }) })));
const optionalCode = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === "string" ? (v.trim() === "" ? null : v.trim().toLowerCase()) : v), z.enum(values, { errorMap: () => ({ message: E.code }) }).nullable());

export const CaseRowSchema = z
  .object({
    case_id: text,
    participant_id: text,
    received_date: date,
    offense_category: code(OFFENSE_CATEGORIES),
    drug_level: optionalCode(DRUG_LEVELS),
    race_ethnicity: code(RACE_ETHNICITIES),
    sex: code(SEXES),
    age_band: code(AGE_BANDS),
    referring_agency: z.preprocess(
      (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
      z.string({ required_error: E.required }).min(1, E.required).regex(/^[A-Z0-9][A-Z0-9 _-]{0,39}$/, E.agency),
    ),
    zip: z.string({ required_error: E.required }).trim().regex(/^\d{5}$/, E.zip),
    filed_date: optionalDate,
    declined_date: optionalDate,
    decline_reason: optionalCode(DECLINE_REASONS),
    diverted_date: optionalDate,
    disposed_date: optionalDate,
    sentenced_date: optionalDate,
    disposition: optionalCode(DISPOSITIONS),
    firearm_recovered: z.preprocess(
      (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
      z.enum(["true", "false", "yes", "no", "1", "0", "y", "n"], { errorMap: () => ({ message: E.boolean }) }).transform((v) => ["true", "yes", "1", "y"].includes(v)),
    ),
  })
  .superRefine((row, ctx) => {
    for (const key of ["filed_date", "declined_date", "diverted_date", "disposed_date", "sentenced_date"] as const) {
      const v = row[key];
      if (v && v < row.received_date) ctx.addIssue({ code: "custom", path: [key], message: E.beforeReceived });
    }
    if (row.filed_date && row.declined_date) ctx.addIssue({ code: "custom", path: ["declined_date"], message: E.filedAndDeclined });
    if (row.offense_category === "drug" && !row.drug_level) ctx.addIssue({ code: "custom", path: ["drug_level"], message: E.drugLevel });
    if (row.offense_category !== "drug" && row.drug_level) ctx.addIssue({ code: "custom", path: ["drug_level"], message: E.notDrug });
    if (row.declined_date && !row.decline_reason) ctx.addIssue({ code: "custom", path: ["decline_reason"], message: E.declineReason });
  });

export type CaseRowInput = z.input<typeof CaseRowSchema>;

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
  const parsed = CaseRowSchema.safeParse(record);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => ({ row: rowNumber, column: String(i.path[0] ?? ""), message: i.message })) };
  }
  const r = parsed.data;
  if (r.received_date < period.start || r.received_date >= period.endExclusive) {
    return { ok: false, errors: [{ row: rowNumber, column: "received_date", message: E.outsidePeriod }] };
  }
  return {
    ok: true,
    row: {
      caseId: r.case_id,
      participantId: r.participant_id,
      receivedDate: r.received_date,
      offenseCategory: r.offense_category,
      drugLevel: r.drug_level,
      raceEthnicity: r.race_ethnicity,
      sex: r.sex,
      ageBand: r.age_band,
      referringAgency: r.referring_agency,
      zip: r.zip,
      filedDate: r.filed_date,
      declinedDate: r.declined_date,
      declineReason: r.decline_reason,
      divertedDate: r.diverted_date,
      disposedDate: r.disposed_date,
      sentencedDate: r.sentenced_date,
      disposition: r.disposition,
      firearmRecovered: r.firearm_recovered,
    },
  };
}

/** "2024-03" → "2024-03-01"; the month after → exclusive end. */
export function monthStart(ym: string) {
  return `${ym}-01`;
}
export function nextMonth(isoDate: string) {
  const [y, m] = isoDate.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 1));
  return d.toISOString().slice(0, 10);
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
