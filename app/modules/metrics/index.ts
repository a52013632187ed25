// The metrics module's browser-safe surface (types, constants, helpers; components are in ui/).
export {
  CONCERN_LOOP_MEASURES,
  CSV_COLUMNS,
  CSV_HEADER,
  DIMENSIONS,
  DIMENSION_VALUES,
  GRAINS,
  MEASURES,
  OFFENSE_CATEGORIES,
  RACE_ETHNICITIES,
} from "./catalogue";
export type { ConcernLoopMeasure, Dimension } from "./catalogue";
export { MIN_PUBLIC_COUNT, cellPlainText, hiddenTextKey, isSmallCount, suppressSeries, suppressTable } from "~/utils/suppression";
export type { PublishedCell } from "~/utils/suppression";
export { breakdownDimensionsOf, grainsOf, hasDimensions } from "./publication";
export { cellText, formatChartValue, formatDecimal, formatNumber, formatPercent, localized, periodName, periodTickLabel, targetProgress } from "./format";
export { PALETTE, colourOf, markerPosition, movingAverage, placeMarkers, pointOfCell, pointOfRate } from "./charts";
export type { ChartMarker, ChartSeries, ChartUnit, PointState, SeriesPoint } from "./charts";
export { EVENT_SCOPES, measureTopics } from "./topics";
export type { EventScope } from "./topics";
export { API_PATHS, openApiDocument } from "./openapi";
export { filterWords } from "./filter-words";
export { CSU_BASELINE, FUNNEL_STAGES } from "./funnel";
export type { DrugFunnel, FunnelCell, FunnelRow, FunnelStage } from "./funnel";
export { LOOP_BASE, LOOP_STAGES, LOOP_ZIP_STAGES } from "./loop";
export type { ConcernLoop, LoopCell, LoopRow, LoopStage } from "./loop";
