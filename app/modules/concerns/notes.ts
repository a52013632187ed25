/**
 * Status notes the system writes (as opposed to a note a staff member types) are stored as a
 * code with its parameters (concern_status_history.public_note_code / _params), never as a
 * sentence: each reader sees them in their own language (`concerns:notes.<code>`). Human notes
 * stay in public_note as written.
 */
export const SYSTEM_NOTE_CODES = [
  "received",
  "corroborated",
  "documented",
  "responded",
  // The demo seed's standard sentences (and rows written with them before codes existed).
  "reviewing",
  "closedAfterReview",
  "reviewedByCsu",
  "respondedAtMeeting",
  "sameReported",
] as const;
export type SystemNoteCode = (typeof SYSTEM_NOTE_CODES)[number];
export type SystemNote = { code: SystemNoteCode; params?: Record<string, string> };

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A history entry's public note in the reader's language: the system's code translated, or the human note as written. */
export function publicNoteText(
  entry: { publicNote: string | null; publicNoteCode?: string | null; publicNoteParams?: Record<string, string> | null },
  t: Translate,
) {
  if (entry.publicNoteCode && (SYSTEM_NOTE_CODES as readonly string[]).includes(entry.publicNoteCode))
    return t(`concerns:notes.${entry.publicNoteCode}`, { ...(entry.publicNoteParams ?? {}) });
  return entry.publicNote;
}
