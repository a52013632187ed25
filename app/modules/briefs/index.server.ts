// The briefs module's public surface on the server: other code imports from here, never deeper.
export { readBriefForm } from "./form.server";
export {
  briefTitles,
  briefsPublishedInYear,
  briefsForRecords,
  changeLog,
  getBrief,
  getBriefForViewer,
  getRevisionPair,
  listAllBriefs,
  listBriefs,
  listPublicBriefs,
  listRevisions,
  receiptsFor,
  searchableBriefs,
} from "./queries.server";
export { createBrief, nudgeUnopened, publishBrief, publishDueBrief, recordBriefOpened, sendToCabReview, slugify, updateBrief } from "./service.server";
export { briefTasks } from "./tasks.server";
