/**
 * The concern statuses, with no imports: the browser bundle (forms, tracking pages) needs the
 * list, and importing it from the drizzle schema would ship drizzle-orm to every visitor.
 */
export const CONCERN_STATUSES = ["received", "under_review", "documented", "not_documented", "duplicate", "referred", "responded", "closed"] as const;

/** The longest description a resident may write (the form's hint and the server's check). */
export const DESCRIPTION_MAX = 4000;
