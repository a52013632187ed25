// The sunshine module's public surface on the server: other code imports from here, never deeper.
export { countyHolidays, getClosedException, listClosedExceptions, listHolidays, noticeDeadline, recordsDueDate, sunshineRules } from "./queries.server";
export { addHoliday, removeHoliday, saveClosedException, setClosedExceptionActive, updateSunshineSettings } from "./service.server";
