/**
 * The annual report: one year of the portal's public record on one page. It assembles what the
 * other modules already publish — the metrics publication's cells (headline measures, drug
 * policy, disparity), the response clock's published figures, and the CAB's public activity —
 * and counts nothing about cases or concerns itself.
 */
import { analysisActivityInYear } from "~/modules/analyses/index.server";
import { briefsPublishedInYear } from "~/modules/briefs/index.server";
import { meetingsHeldInYear } from "~/modules/meetings/index.server";
import { CONCERN_LOOP_MEASURES } from "~/modules/metrics";
import { availableYears, disparityView, LEAD_MEASURES, listMeasures, yearFigures, type YearFigure } from "~/modules/metrics/index.server";
import { responsesPublishedInYear, responseTimeTable } from "~/modules/responses/index.server";

/** The drug-policy measures of the report's second section: the funnel from referral to decision, by grounds. */
export const DRUG_MEASURES = [
  "drug_referred",
  "drug_filed",
  "drug_filed_concern",
  "drug_filed_violence",
  "drug_filed_unrecorded",
  "drug_declined",
  "drug_firearm",
] as const;
/** The disparity section's reference group (the disparity page's default). */
export const DISPARITY_REFERENCE = "white";

/** Years the report is offered for: those the publication has data for, newest first. */
export async function annualReportYears(): Promise<number[]> {
  return [...(await availableYears())].sort((a, b) => b - a);
}

/** Parses a route's year: four digits, or null (the route answers 404). */
export function reportYearParam(value: string | undefined): number | null {
  if (!value || !/^\d{4}$/.test(value)) return null;
  return Number(value);
}

type MeasureName = { key: string; nameEn: string; nameEs: string; unit: "count" | "percent"; denominatorKey: string | null };
export type ReportFigure = YearFigure & { measure: MeasureName };

export type AnnualReport = {
  year: number;
  headline: ReportFigure[];
  drug: ReportFigure[];
  disparity: Awaited<ReturnType<typeof disparityView>>;
  reference: string;
  concerns: {
    /** Concerns in the loop: received, documented, cited and answered, as the publication has them for the year. */
    loop: ReportFigure[];
    answered: Awaited<ReturnType<typeof responseTimeTable>>["total"];
    medianDays: number | null;
  };
  cab: {
    meetings: number;
    analyses: Awaited<ReturnType<typeof analysisActivityInYear>>;
    briefs: { slug: string; title: string }[];
  };
  responses: { slug: string; title: string; publishedAt: string | null }[];
};

/** The report for a year, or null when the publication has no data for it. */
export async function annualReport(year: number): Promise<AnnualReport | null> {
  if (!(await availableYears()).includes(year)) return null;
  const measures = await listMeasures();
  const pick = (keys: readonly string[]) => keys.map((k) => measures.find((m) => m.key === k)).filter((m) => m !== undefined);
  const headMeasures = pick(LEAD_MEASURES);
  const drugMeasures = pick(DRUG_MEASURES);
  const loopMeasures = pick(CONCERN_LOOP_MEASURES);
  const [head, drug, loop, loopYears, disparity, clock, meetings, analyses, briefs, responses] = await Promise.all([
    yearFigures(headMeasures, year),
    yearFigures(drugMeasures, year),
    yearFigures(loopMeasures, year),
    availableYears({ kind: "concern" }),
    disparityView(year, DISPARITY_REFERENCE),
    responseTimeTable(year),
    meetingsHeldInYear(year),
    analysisActivityInYear(year),
    briefsPublishedInYear(year),
    responsesPublishedInYear(year),
  ]);
  const name = (m: (typeof measures)[number]): MeasureName => ({
    key: m.key,
    nameEn: m.nameEn,
    nameEs: m.nameEs,
    unit: m.unit,
    denominatorKey: m.denominatorKey ?? null,
  });
  return {
    year,
    headline: head.map((f, i) => ({ ...f, measure: name(headMeasures[i]!) })),
    drug: drug.map((f, i) => ({ ...f, measure: name(drugMeasures[i]!) })),
    disparity,
    reference: DISPARITY_REFERENCE,
    // The response clock's own published numbers for the year: its suppressed total and its median
    // (withheld under 11 answered), exactly as /dashboard/response-time?year= shows them.
    // A year before the portal took concerns has no loop (not a row of zeros).
    concerns: {
      loop: loopYears.includes(year) ? loop.map((f, i) => ({ ...f, measure: name(loopMeasures[i]!) })) : [],
      answered: clock.total,
      medianDays: clock.overallMedian,
    },
    cab: {
      meetings: meetings.length,
      analyses,
      briefs: briefs.map((b) => ({ slug: b.slug, title: b.title })),
    },
    responses: responses.map((r) => ({ slug: r.slug, title: r.title, publishedAt: r.publishedAt ? r.publishedAt.toISOString() : null })),
  };
}
