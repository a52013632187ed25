import { json, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/modules/auth/index.server";
import { retryEmail } from "~/modules/notifications/index.server";
import { setFlash } from "~/utils/flash.server";
import { notFound } from "~/utils/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** POST /admin/outbox/:id/retry — puts a failed email back in the queue (admin, audited). */
export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "admin");
  const id = args.params.id ?? "";
  if (!UUID.test(id)) notFound();
  const result = await retryEmail(user, id, { ipAddress: args.context.clientIp });
  if (!result.ok && result.reason === "not_found") notFound();
  const flash = result.ok ? await setFlash({ key: "notifications:retry.done" }) : await setFlash({ key: "notifications:retry.notFailed", kind: "error" });
  return redirect("/admin/outbox", { headers: { "Set-Cookie": flash } });
}

export async function loader() {
  return redirect("/admin/outbox");
}
