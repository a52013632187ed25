// The metrics module's public surface on the server: other code imports from here, never deeper.
export {
  availableYears,
  dashboardHeadlines,
  dashboardTable,
  dimensionValuesOf,
  disparityView,
  filtersFor,
  filtersToSearch,
  getImport,
  getMeasure,
  getSnapshot,
  listImports,
  listMeasures,
  notOfferedReason,
  parseDashboardFilters,
  snapshotView,
} from "./queries.server";
export {
  confirmImport,
  copyIntoCases,
  createSnapshot,
  discardImport,
  recomputeFacts,
  replaceConcernLoopFacts,
  runImport,
  stageImport,
  syncMeasureCatalogue,
} from "./service.server";
export type { ConcernLoopFact } from "./service.server";
export { csvLine, csvPercent } from "./csv";
export { publishMetrics } from "./publication.server";
export type { NotOffered, DashboardTable, DisparityView, StageCell } from "./queries.server";
export type { CaseRow } from "./csv";
export { metricsTasks } from "./tasks.server";
export { chartMarkers, createEvent, deleteEvent, listEvents, seedEvents, SAPA_EVENT } from "./events.server";
export type { MarkerRow, MetricEvent } from "./events.server";
export { dashboardTrends, LEAD_MEASURES, yearFigures } from "./trends.server";
export type { MeasureTrend, YearChange, YearFigure } from "./trends.server";
export { API_GRAINS, apiCells, apiCombinations, apiMeasure, apiMeasures } from "./opendata.server";
export type { ApiCell, ApiCellsAnswer, ApiCombination, ApiGrain } from "./opendata.server";
export { dataChangelog, getDataNotes, paragraphsOf, saveDataNotes } from "./datanotes.server";
export type { ChangelogEntry } from "./datanotes.server";
export { drugFunnel, drugFunnelCsv, funnelYearOf } from "./funnel.server";
export { concernLoop, concernLoopCsv } from "./loop.server";
export { apiDayStats, dayStatsCsvRows, parseStatsYear, publishedDayStats, timeToDecisionView, DAY_STATS } from "./stats.server";
export type { DayStat, DayStatKey, DayStatRow, TimeToDecisionView } from "./stats.server";
