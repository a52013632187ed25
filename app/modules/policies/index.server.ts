// The policies module's public surface on the server: other code imports from here, never deeper.
export {
  documentationForConcern,
  documentedAndCitedConcerns,
  drugCitationCountsByMonth,
  listCitations,
  listPolicyVersions,
  lookupDocumentedConcerns,
  policyInForce,
  policyVersionById,
} from "./queries.server";
export { createPolicyVersion, documentConcern, recordCitation } from "./service.server";
