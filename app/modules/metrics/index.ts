// The metrics module's browser-safe surface (types, constants, components).
export { CSV_COLUMNS, CSV_HEADER, DIMENSIONS, DIMENSION_VALUES, GRAINS, MEASURES, OFFENSE_CATEGORIES, RACE_ETHNICITIES } from "./catalogue";
export type { Dimension } from "./catalogue";
export { MIN_PUBLIC_COUNT, cellPlainText, hiddenTextKey, isSmallCount, suppressSeries, suppressTable } from "~/utils/suppression";
export type { PublishedCell } from "~/utils/suppression";
export { breakdownDimensionsOf } from "./publication";
export { filterWords } from "./filter-words";
