import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handle, Open311Error, requestById, respond } from "~/modules/concerns/index.server";

// GET requests/{service_request_id}.{json,xml}
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return handle(params.id, context.clientIp, 120, async (id, format) =>
    respond(format, await requestById(id, new URL(request.url).searchParams), { root: "service_requests", item: "request" }),
  );
}

export async function action({ params, context }: ActionFunctionArgs) {
  return handle(params.id, context.clientIp, 120, async () => {
    throw new Open311Error(404, "Unknown resource");
  });
}
