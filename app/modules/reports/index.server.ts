// The reports module's public surface on the server: other code imports from here, never deeper.
export { annualReport, annualReportYears, DISPARITY_REFERENCE, DRUG_MEASURES, reportYearParam } from "./annual.server";
export type { AnnualReport, ReportFigure } from "./annual.server";
