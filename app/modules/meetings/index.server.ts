// The meetings module's public surface on the server: other code imports from here, never deeper.
export { quorumPercent } from "./config.server";
export { invalid, notFound, readRichField, refusal, requestLocale, serviceContext, timeContext } from "./http.server";
export { meetingsCalendar } from "./ics.server";
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
} from "./queries.server";
export {
  MeetingsError,
  addActionItem,
  addAgendaItem,
  addDecision,
  amendMinutes,
  approvalOutcome,
  cancelMeeting,
  circulateMinutes,
  createMeeting,
  moveAgendaItem,
  proposeCorrection,
  publishMinutes,
  recordApproval,
  recordAttendance,
  removeActionItem,
  removeAgendaItem,
  removeDecision,
  reviewCorrection,
  saveMinutesDraft,
  setActionItemStatus,
  setRsvp,
  updateMeeting,
} from "./service.server";
