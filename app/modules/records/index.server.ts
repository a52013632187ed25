// The records module's public surface on the server: other code imports from here, never deeper.
export { BOARD_SUBJECTS, collectRecordsExport, renderRecordsExport } from "./export.server";
export type { RecordsExport } from "./export.server";
export { getRecordsRequest, listRecordsRequests } from "./queries.server";
export type { RecordsRequest } from "./queries.server";
export { logRecordsRequest, markRecordsRequestAnswered } from "./service.server";
