// The meetings module's public surface on the server: other code imports from here, never deeper.
export { quorumPercent } from "./config.server";
export { invalid, readRichField, refusal, requestLocale, serviceContext, timeContext } from "./http.server";
export { meetingsCalendar } from "./ics.server";
export {
  addActionItem,
  addDecision,
  amendMinutes,
  approvalOutcome,
  circulateMinutes,
  proposeCorrection,
  publishMinutes,
  recordApproval,
  removeActionItem,
  removeDecision,
  reviewCorrection,
  saveMinutesDraft,
  setActionItemStatus,
} from "./minutes.server";
export {
  getAgenda,
  getAttendance,
  getMeeting,
  getMinutesFor,
  getRsvpSummary,
  getVisibleMeeting,
  heldMeetingsFrom,
  listActionItems,
  listArchive,
  listCabMembers,
  listMeetingsForStaff,
  listPublicForFeed,
  listUpcoming,
  meetingQuorum,
  meetingsHeldInYear,
  searchableMeetings,
  searchableMinutes,
  meetingTitles,
  meetingsForRecords,
} from "./queries.server";
export {
  addAgendaItem,
  cancelMeeting,
  createMeeting,
  moveAgendaItem,
  postNotice,
  recordAttendance,
  removeAgendaItem,
  setRsvp,
  updateMeeting,
} from "./service.server";
export { approveClosedMinutes, presentBoardMembers, recordMotion, saveClosedMinutes } from "./motions.server";
export type { MotionWrite } from "./motions.server";
export { closedMinutesFor, getProceedings } from "./proceedings.server";
export type { Proceedings, RollCallEntry } from "./proceedings.server";
