import { and, eq, isNull } from "drizzle-orm";
import { db } from "~/db/client.server";
import { recordsRequests } from "~/db/schema/records";
import { recordAudit } from "~/modules/audit/index.server";
import { now, parseDateTimeInput } from "~/utils/clock";
import { DomainError } from "~/utils/errors";
import { recordsDueDate } from "~/modules/sunshine/index.server";

type Actor = { id: string; ipAddress?: string | null };

export type NewRecordsRequest = {
  requesterName: string;
  requesterContact: string;
  description: string;
  receivedAt: string;
  periodFrom: string;
  periodTo: string;
};

/** A request received a little in the future is a clock difference; more is a typing mistake. */
const FUTURE_SLACK_MS = 10 * 60_000;

/** Logs a request with its due date. The audit row never holds the requester's name or contact. */
export async function logRecordsRequest(input: NewRecordsRequest, actor: Actor) {
  const receivedAt = parseDateTimeInput(input.receivedAt);
  if (!receivedAt) throw new DomainError("records:errors.receivedAt", { status: 400, field: "receivedAt" });
  if (receivedAt.getTime() > now().getTime() + FUTURE_SLACK_MS) throw new DomainError("records:errors.receivedInFuture", { status: 400, field: "receivedAt" });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(recordsRequests)
      .values({
        requesterName: input.requesterName,
        requesterContact: input.requesterContact,
        description: input.description,
        receivedAt,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        // The rules and holiday calendar admins keep under /admin/sunshine.
        dueOn: await recordsDueDate(receivedAt, tx),
        createdById: actor.id,
      })
      .returning({ id: recordsRequests.id, number: recordsRequests.number, dueOn: recordsRequests.dueOn });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "records_request.logged",
      subjectType: "records_request",
      subjectId: row!.id,
      data: { number: row!.number, dueOn: row!.dueOn, periodFrom: input.periodFrom, periodTo: input.periodTo },
      ipAddress: actor.ipAddress,
    });
    return row!;
  });
}

/** Marks a request answered now; answering twice is refused (the log keeps the first time). */
export async function markRecordsRequestAnswered(number: number, note: string | undefined, actor: Actor) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(recordsRequests)
      .set({ answeredAt: now(), answeredById: actor.id, answerNote: note?.trim() || null })
      .where(and(eq(recordsRequests.number, number), isNull(recordsRequests.answeredAt)))
      .returning({ id: recordsRequests.id, answeredAt: recordsRequests.answeredAt });
    if (!row) {
      const [exists] = await tx.select({ id: recordsRequests.id }).from(recordsRequests).where(eq(recordsRequests.number, number));
      if (!exists) throw new DomainError("common:errors.notFoundTitle", { status: 404 });
      throw new DomainError("records:errors.alreadyAnswered", { status: 409 });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "records_request.answered",
      subjectType: "records_request",
      subjectId: row.id,
      ipAddress: actor.ipAddress,
    });
    return row;
  });
}
