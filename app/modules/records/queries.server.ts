import { desc, eq } from "drizzle-orm";
import { db } from "~/db/client.server";
import { recordsRequests } from "~/db/schema/records";
import { displayNameOf } from "~/modules/auth/index.server";

const columns = {
  id: recordsRequests.id,
  number: recordsRequests.number,
  requesterName: recordsRequests.requesterName,
  requesterContact: recordsRequests.requesterContact,
  description: recordsRequests.description,
  receivedAt: recordsRequests.receivedAt,
  periodFrom: recordsRequests.periodFrom,
  periodTo: recordsRequests.periodTo,
  dueOn: recordsRequests.dueOn,
  answeredAt: recordsRequests.answeredAt,
  answeredByName: displayNameOf(recordsRequests.answeredById),
  answerNote: recordsRequests.answerNote,
  createdByName: displayNameOf(recordsRequests.createdById),
  createdAt: recordsRequests.createdAt,
};

export type RecordsRequest = Awaited<ReturnType<typeof listRecordsRequests>>[number];

/** The log, newest received first (staff only: it holds requesters' names and contacts). */
export async function listRecordsRequests(limit = 500) {
  return db.select(columns).from(recordsRequests).orderBy(desc(recordsRequests.receivedAt)).limit(limit);
}

export async function getRecordsRequest(number: number) {
  if (!Number.isSafeInteger(number) || number < 1) return null;
  const [row] = await db.select(columns).from(recordsRequests).where(eq(recordsRequests.number, number));
  return row ?? null;
}
