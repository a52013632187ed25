import { and, asc, count, eq, exists, inArray, isNull, sql } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/client.server";
import { commentEdits, commentReports, comments } from "~/db/schema/comments";
import { displayNameOf } from "~/modules/auth/index.server";
import { THREADS_PER_PAGE } from "./permissions";

export type CommentView = {
  id: string;
  parentId: string | null;
  depth: number;
  authorId: string;
  authorName: string;
  authorIsStaff: boolean;
  status: "visible" | "hidden_pending" | "hidden" | "deleted";
  /** Null when the viewer may not see the text (removed, hidden). Sanitized at save. */
  html: string | null;
  /** The author's own JSON, to edit it. */
  json?: unknown;
  moderationReason: string | null;
  openReports: number;
  createdAt: string;
  editedAt: string | null;
  edits: { html: string; createdAt: string }[];
  reportedByViewer: boolean;
  children: CommentView[];
};

export type ThreadPage = { threads: CommentView[]; page: number; pageCount: number; totalThreads: number; totalComments: number };

type Viewer = { id: string; isStaff: boolean } | null;

/**
 * One page of a subject's discussion, paged by top-level thread (each thread whole, at most
 * three levels). Four indexed queries whatever the number of comments.
 */
export async function listThread(subjectType: string, subjectId: string, page = 1, viewer: Viewer = null, perPage = THREADS_PER_PAGE): Promise<ThreadPage> {
  const subject = and(eq(comments.subjectType, subjectType), eq(comments.subjectId, subjectId));
  const [counts] = await db
    .select({ threads: sql<number>`count(*) filter (where ${comments.parentId} is null)`.mapWith(Number), all: count() })
    .from(comments)
    .where(subject);
  const totalThreads = counts?.threads ?? 0;
  const pageCount = Math.max(1, Math.ceil(totalThreads / perPage));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const top = await db
    .select({ id: comments.id })
    .from(comments)
    .where(and(subject, isNull(comments.parentId)))
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(perPage)
    .offset((current - 1) * perPage);
  const rootIds = top.map((r) => r.id);
  if (!rootIds.length) return { threads: [], page: current, pageCount, totalThreads, totalComments: counts?.all ?? 0 };

  const rows = await db
    .select({
      id: comments.id,
      parentId: comments.parentId,
      rootId: comments.rootId,
      depth: comments.depth,
      authorId: comments.authorId,
      authorName: displayNameOf<string>(comments.authorId),
      authorIsStaff: comments.authorIsStaff,
      status: comments.status,
      bodyHtml: comments.bodyHtml,
      // Only the viewer's own comments are edited here: nobody else's JSON is read or parsed.
      bodyJson: viewer ? sql<unknown>`case when ${comments.authorId} = ${viewer.id} then ${comments.bodyJson} end` : sql<unknown>`null`,
      moderationReason: comments.moderationReason,
      openReports: comments.openReports,
      editCount: comments.editCount,
      createdAt: comments.createdAt,
      editedAt: comments.editedAt,
      reportedByViewer: viewer
        ? // A subquery of its own: drizzle leaves its columns qualified in a single-table select.
          sql<boolean>`${exists(
            db
              .select({ one: sql`1` })
              .from(commentReports)
              .where(and(eq(commentReports.commentId, comments.id), eq(commentReports.reporterId, viewer.id))),
          )}`
        : sql<boolean>`false`,
    })
    .from(comments)
    .where(inArray(comments.rootId, rootIds))
    .orderBy(asc(comments.createdAt), asc(comments.id));

  const editedIds = rows.filter((r) => r.editCount > 0 && r.status !== "deleted").map((r) => r.id);
  const edits = editedIds.length
    ? await db
        .select({ commentId: commentEdits.commentId, html: commentEdits.bodyHtml, createdAt: commentEdits.createdAt })
        .from(commentEdits)
        .where(inArray(commentEdits.commentId, editedIds))
        .orderBy(asc(commentEdits.createdAt))
    : [];

  const byId = new Map<string, CommentView>();
  for (const r of rows) {
    const own = viewer?.id === r.authorId;
    const readable = r.status === "visible" || (r.status === "hidden_pending" && (viewer?.isStaff || own)) || (r.status === "hidden" && viewer?.isStaff);
    byId.set(r.id, {
      id: r.id,
      parentId: r.parentId,
      depth: r.depth,
      authorId: r.authorId,
      authorName: r.authorName,
      authorIsStaff: r.authorIsStaff,
      status: r.status,
      html: readable ? r.bodyHtml : null,
      json: own && r.status === "visible" ? r.bodyJson : null,
      moderationReason: r.moderationReason,
      openReports: viewer?.isStaff ? r.openReports : 0,
      createdAt: r.createdAt.toISOString(),
      editedAt: r.editedAt?.toISOString() ?? null,
      edits: readable ? edits.filter((e) => e.commentId === r.id).map((e) => ({ html: e.html, createdAt: e.createdAt.toISOString() })) : [],
      reportedByViewer: Boolean(r.reportedByViewer),
      children: [],
    });
  }
  const threads: CommentView[] = [];
  for (const id of rootIds) {
    const node = byId.get(id);
    if (node) threads.push(node);
  }
  for (const r of rows) {
    if (!r.parentId) continue;
    byId.get(r.parentId)?.children.push(byId.get(r.id)!);
  }
  return { threads, page: current, pageCount, totalThreads, totalComments: counts?.all ?? 0 };
}

/** The page of the subject's discussion that holds a thread (to link straight to a comment). */
export async function pageOfThread(tx: DbOrTx, rootId: string, perPage = THREADS_PER_PAGE) {
  const [root] = await tx.select().from(comments).where(eq(comments.id, rootId));
  if (!root) return 1;
  const [row] = await tx
    .select({ n: count() })
    .from(comments)
    .where(
      and(
        eq(comments.subjectType, root.subjectType),
        eq(comments.subjectId, root.subjectId),
        isNull(comments.parentId),
        sql`(${comments.createdAt}, ${comments.id}) < (${root.createdAt.toISOString()}::timestamptz, ${root.id}::uuid)`,
      ),
    );
  return Math.floor((row?.n ?? 0) / perPage) + 1;
}

/** What a route's loader returns for <CommentThread>: the page of threads and what the viewer may do. */
export async function commentThreadFor(
  request: Request,
  user: { id: string; role: import("~/modules/auth").Role } | null,
  subject: import("./permissions").CommentSubject,
) {
  const { canComment, canModerate, canReport } = await import("./permissions");
  const page = Number(new URL(request.url).searchParams.get("cpage") ?? "1");
  const isStaff = canModerate(user);
  const thread = await listThread(subject.type, subject.id, Number.isFinite(page) ? page : 1, user ? { id: user.id, isStaff } : null);
  return {
    thread,
    permissions: {
      userId: user?.id ?? null,
      signedIn: !!user,
      open: subject.open,
      canComment: canComment(user, subject),
      canModerate: isStaff,
      canReport: canReport(user),
    },
  };
}

/** What a visible comment is about (for other modules' typed references to a comment), or null. */
export async function visibleCommentSubject(id: string, dbx: DbOrTx = db) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await dbx
    .select({ subjectType: comments.subjectType, subjectId: comments.subjectId })
    .from(comments)
    .where(and(eq(comments.id, id), eq(comments.status, "visible")));
  return row ?? null;
}

/** Whether `commentId` names a comment of this subject (any status): forms about another are a 404. */
export async function commentInSubject(subject: { type: string; id: string }, commentId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(commentId)) return false;
  const [row] = await db
    .select({ id: comments.id })
    .from(comments)
    .where(and(eq(comments.id, commentId), eq(comments.subjectType, subject.type), eq(comments.subjectId, subject.id)));
  return Boolean(row);
}

/**
 * For full-text search: visible comments as a subquery with the columns search expects (id,
 * subject_type, subject_id, body, search_en, search_es); search keeps those whose subject the
 * viewer may see.
 */
export function searchableComments() {
  return sql`(select m.id, m.subject_type, m.subject_id, m.body_text as body, m.search_en, m.search_es
    from ${comments} m where m.status = 'visible')`;
}

/**
 * For a public records request: every comment on the given kinds of subject written in
 * [from, to), whatever its status now (a hidden or deleted comment is still a record; the status
 * says what became of it), oldest first, with the author's name.
 */
export async function commentsForRecords(from: Date, to: Date, subjectTypes: readonly string[], dbx: DbOrTx = db) {
  if (!subjectTypes.length) return [];
  return dbx
    .select({
      id: comments.id,
      subjectType: comments.subjectType,
      subjectId: comments.subjectId,
      parentId: comments.parentId,
      authorName: displayNameOf(comments.authorId),
      authorIsStaff: comments.authorIsStaff,
      status: comments.status,
      bodyText: comments.bodyText,
      createdAt: comments.createdAt,
      editedAt: comments.editedAt,
    })
    .from(comments)
    .where(
      and(
        inArray(comments.subjectType, [...subjectTypes]),
        sql`${comments.createdAt} >= ${from.toISOString()}::timestamptz`,
        sql`${comments.createdAt} < ${to.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id));
}
