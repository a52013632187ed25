// The notifications module's public surface on the server: other code imports from here, never deeper.
export { sendDigests } from "./digest.server";
export { queueEmail } from "./email.server";
export { enqueueJob } from "./jobs.server";
export { notify } from "./notify.server";
export type { NotificationEvent, NotificationType, Recipient } from "./notify.server";
export { getOutboxEmail, listOutbox } from "./outbox-queries.server";
export { retryEmail } from "./outbox.server";
export { getPreferences, listNotifications, unreadCount } from "./queries.server";
export { recoverStalledSends } from "./sender.server";
export { applyUnsubscribe, markAllRead, markRead, markReadAbout, setPreferences } from "./service.server";
export { signUnsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe.server";
export { notificationTasks } from "./tasks.server";
