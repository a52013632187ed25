// The responses module's public surface on the server: other code imports from here, never deeper.
export { csvCell, drugCitationTable, parseYear, responseTimeTable, usualDaysToRespond } from "./dashboard.server";
export { readResponseForm } from "./form.server";
export {
  getResponseForStaff,
  getResponseForViewer,
  isFollowing,
  listPublishedResponses,
  listResponsesForStaff,
  publishedResponsesForConcern,
  responseFormOptions,
  responsesPublishedInYear,
  searchableResponses,
} from "./queries.server";
export { followConcern, saveResponse, unfollowConcern } from "./service.server";
export { concernLoopCounts, refreshConcernLoop } from "./loop.server";
export { responseTasks } from "./tasks.server";
