// The concerns module's public surface on the server: other code imports from here, never deeper.
export { hashApiKey, issueApiKey, listApiKeys, revokeApiKey } from "./api-keys.server";
export { concernClockByNumber, loopConcerns, medianDaysToRespondByMonth, overallDaysToRespond, responseYears, stillWaiting } from "./clock.server";
export { ConcernFormSchema, concernFieldConstraints, withDateRules } from "./form.server";
export { Open311Error, createRequest, discovery, handle, listRequests, requestById, respond, serviceDefinition, services } from "./open311.server";
export { STREET_LIST_MAX, backfillPublicLocations, listStreetNames, publicLocationFor, replaceStreetList } from "./location.server";
export { concernOverview } from "./overview.server";
export type { OverviewCell } from "./overview.server";
export { publicConcernsByIds, selectPublicConcerns, similarOpenReport, trackingByCode } from "./public.server";
export type { PublicConcern } from "./public.server";
export {
  concernForStaff,
  concernIdByNumber,
  concernIdsByNumbers,
  concernNumbersByIds,
  concernsObservedAt,
  listKinds,
  openConcernIdsInCluster,
  triageQueue,
  visibleConcernsObservedAt,
} from "./queries.server";
export { enforceConcernFormLimit, enforceConcernSubmitLimit } from "./rate-limits.server";
export {
  activeKindByCode,
  applyStatus,
  changeStatus,
  corroborateConcern,
  corroborateOnBlock,
  createConcern,
  createKind,
  lockConcernByNumber,
  markRespondedByResponse,
  mergeDuplicate,
  redactDescription,
  setHidden,
  updateKind,
} from "./service.server";
export { normalizeTrackingCode } from "./tracking-code.server";
