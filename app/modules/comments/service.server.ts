import { and, eq, isNull, sql } from "drizzle-orm";
import type { User } from "lucia";
import { db, type DbOrTx } from "~/db/client.server";
import { commentEdits, commentReports, comments } from "~/db/schema/comments";
import { recordAudit } from "~/modules/audit/index.server";
import { hasRole } from "~/modules/auth";
import { notify } from "~/modules/notifications/index.server";
import type { RichText } from "~/modules/richtext/index.server";
import { AUTO_HIDE_REPORTS, canComment, canModerate, MAX_COMMENT_DEPTH, type CommentSubject } from "./permissions";
import { pageOfThread } from "./queries.server";
import { DomainError } from "~/utils/errors";

type Actor = Pick<User, "id" | "role" | "displayName">;

async function findInSubject(tx: DbOrTx, subject: CommentSubject, commentId: string, lock = true) {
  if (!/^[0-9a-f-]{36}$/i.test(commentId)) throw new DomainError("comments:errors.notFound", { status: 404 });
  const query = tx
    .select()
    .from(comments)
    .where(and(eq(comments.id, commentId), eq(comments.subjectType, subject.type), eq(comments.subjectId, subject.id)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new DomainError("comments:errors.notFound", { status: 404 });
  return row;
}

function commentUrl(subject: CommentSubject, page: number, commentId: string) {
  const sep = subject.url.includes("?") ? "&" : "?";
  return `${subject.url}${page > 1 ? `${sep}cpage=${page}` : ""}#comment-${commentId}`;
}

/** Adds a comment or a reply (at most three levels) and tells the parent's author. */
export async function createComment(subject: CommentSubject, actor: Actor, body: RichText, parentId: string | null, ip?: string | null) {
  if (!canComment(actor, subject)) throw new DomainError("comments:errors.cannotComment", { status: 403 });
  return db.transaction(async (tx) => {
    let depth = 0;
    let rootId: string | null = null;
    let parent: typeof comments.$inferSelect | null = null;
    if (parentId) {
      parent = await findInSubject(tx, subject, parentId, false);
      if (parent.status === "deleted") throw new DomainError("comments:errors.parentRemoved");
      if (parent.depth >= MAX_COMMENT_DEPTH) throw new DomainError("comments:errors.tooDeep");
      depth = parent.depth + 1;
      rootId = parent.rootId ?? parent.id;
    }
    const id = crypto.randomUUID();
    await tx.insert(comments).values({
      id,
      subjectType: subject.type,
      subjectId: subject.id,
      parentId: parent?.id ?? null,
      rootId: rootId ?? id,
      depth,
      authorId: actor.id,
      authorIsStaff: hasRole(actor.role, "csu_staff"),
      bodyJson: body.doc,
      bodyHtml: body.html,
      bodyText: body.text,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "comment.create",
      subjectType: "comment",
      subjectId: id,
      data: { on: `${subject.type}:${subject.id}`, parentId },
      ipAddress: ip,
    });
    const page = await pageOfThread(tx, rootId ?? id);
    const url = commentUrl(subject, page, id);
    if (parent && parent.authorId !== actor.id) {
      await notify(tx, { type: "comment_reply", key: `comment:${id}:reply`, url, params: { author: actor.displayName, title: subject.title } }, [
        { userId: parent.authorId },
      ]);
    }
    return { id, url };
  });
}

/** The author changes their comment; the earlier version stays in its public history. */
export async function editComment(subject: CommentSubject, actor: Actor, commentId: string, body: RichText, ip?: string | null) {
  return db.transaction(async (tx) => {
    const row = await findInSubject(tx, subject, commentId);
    if (row.authorId !== actor.id) throw new DomainError("comments:errors.notYours", { status: 403 });
    if (row.status !== "visible") throw new DomainError("comments:errors.notEditable");
    if (!subject.open) throw new DomainError("comments:errors.closed", { status: 403 });
    await tx.insert(commentEdits).values({ commentId, bodyHtml: row.bodyHtml, bodyJson: row.bodyJson as object });
    await tx
      .update(comments)
      .set({ bodyJson: body.doc, bodyHtml: body.html, bodyText: body.text, editedAt: new Date(), editCount: sql`${comments.editCount} + 1` })
      .where(eq(comments.id, commentId));
    await recordAudit(tx, { actorId: actor.id, action: "comment.edit", subjectType: "comment", subjectId: commentId, ipAddress: ip });
    return { url: commentUrl(subject, await pageOfThread(tx, row.rootId ?? row.id), commentId) };
  });
}

/** The author removes their comment: replies stay, the comment reads "comment removed"; its text and history go. */
export async function deleteComment(subject: CommentSubject, actor: Actor, commentId: string, ip?: string | null) {
  return db.transaction(async (tx) => {
    const row = await findInSubject(tx, subject, commentId);
    if (row.authorId !== actor.id) throw new DomainError("comments:errors.notYours", { status: 403 });
    if (row.status === "deleted") return { url: commentUrl(subject, 1, commentId) };
    await tx.delete(commentEdits).where(eq(commentEdits.commentId, commentId));
    await tx
      .update(comments)
      .set({ status: "deleted", bodyJson: { type: "doc", content: [] }, bodyHtml: "", bodyText: "", deletedAt: new Date() })
      .where(eq(comments.id, commentId));
    await recordAudit(tx, { actorId: actor.id, action: "comment.delete", subjectType: "comment", subjectId: commentId, ipAddress: ip });
    return { url: commentUrl(subject, await pageOfThread(tx, row.rootId ?? row.id), commentId) };
  });
}

/** A reader reports a comment (once); the third open report hides it pending staff review. */
export async function reportComment(subject: CommentSubject, actor: Actor, commentId: string, reason: string, ip?: string | null) {
  return db.transaction(async (tx) => {
    const row = await findInSubject(tx, subject, commentId);
    if (row.authorId === actor.id) throw new DomainError("comments:errors.ownComment");
    if (row.status === "deleted") throw new DomainError("comments:errors.notFound", { status: 404 });
    const inserted = await tx
      .insert(commentReports)
      .values({ commentId, reporterId: actor.id, reason })
      .onConflictDoNothing()
      .returning({ id: commentReports.id });
    if (inserted.length) {
      const openReports = row.openReports + 1;
      const autoHide = row.status === "visible" && openReports >= AUTO_HIDE_REPORTS;
      await tx
        .update(comments)
        .set({ openReports, ...(autoHide ? { status: "hidden_pending" as const } : {}) })
        .where(eq(comments.id, commentId));
      await recordAudit(tx, {
        actorId: actor.id,
        action: autoHide ? "comment.report_autohide" : "comment.report",
        subjectType: "comment",
        subjectId: commentId,
        data: { reason },
        ipAddress: ip,
      });
    }
    return { url: commentUrl(subject, await pageOfThread(tx, row.rootId ?? row.id), commentId) };
  });
}

/** Staff hide a comment with a public reason, or restore it; either way its open reports are resolved. */
export async function moderateComment(
  subject: CommentSubject,
  actor: Actor,
  commentId: string,
  decision: { action: "hide"; reason: string } | { action: "restore" },
  ip?: string | null,
) {
  if (!canModerate(actor)) throw new DomainError("comments:errors.cannotModerate", { status: 403 });
  return db.transaction(async (tx) => {
    const row = await findInSubject(tx, subject, commentId);
    if (row.status === "deleted") throw new DomainError("comments:errors.notFound", { status: 404 });
    await tx
      .update(commentReports)
      .set({ resolvedAt: new Date() })
      .where(and(eq(commentReports.commentId, commentId), isNull(commentReports.resolvedAt)));
    await tx
      .update(comments)
      .set(
        decision.action === "hide"
          ? { status: "hidden", moderationReason: decision.reason, moderatedById: actor.id, openReports: 0 }
          : { status: "visible", moderationReason: null, moderatedById: actor.id, openReports: 0 },
      )
      .where(eq(comments.id, commentId));
    await recordAudit(tx, {
      actorId: actor.id,
      action: `comment.${decision.action}`,
      subjectType: "comment",
      subjectId: commentId,
      data: decision.action === "hide" ? { reason: decision.reason, previous: row.status } : { previous: row.status },
      ipAddress: ip,
    });
    return { url: commentUrl(subject, await pageOfThread(tx, row.rootId ?? row.id), commentId) };
  });
}
