// The auth module's public surface on the server: other code imports from here, never deeper.
export {
  accountExists,
  activeCabMemberCount,
  activeCabMemberIds,
  activeCabMembers,
  activeCabMembersSubquery,
  contactsOf,
  displayNameOf,
  emailOf,
  isActiveAccount,
  isActiveCabMember,
  localeOf,
} from "./directory.server";
export { lucia } from "./lucia.server";
export { hashPassword } from "./password.server";
export { getUser, loginRedirect, requireRole, requireUser, requireVisitor, safeRedirect } from "./permissions.server";
export {
  displayNamesOf,
  findSessionByHandle,
  getAccount,
  isTokenUsable,
  listActiveCabMembers,
  listPendingInvitations,
  listSessions,
  listUsers,
  localesOf,
  sessionHandle,
} from "./queries.server";
export { enforceAuthRateLimit } from "./rate-limits.server";
export {
  acceptInvitation,
  blankSessionCookie,
  changePassword,
  changeRole,
  confirmEmailChange,
  createInvitation,
  findOpenInvitation,
  issueToken,
  normalizeEmail,
  registerResident,
  requestEmailChange,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  revokeInvitation,
  setDeactivated,
  setUserLocale,
  signOut,
  signOutEverywhere,
  startSession,
  verifyEmail,
  verifyLogin,
} from "./service.server";
export { createToken } from "./tokens.server";
