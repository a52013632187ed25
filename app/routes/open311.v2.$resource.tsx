import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { createRequest, discovery, handle, listRequests, Open311Error, respond, services } from "~/modules/concerns/index.server";
import { appOrigin } from "~/utils/request.server";

// GET discovery.{json,xml}, services.{json,xml}, requests.{json,xml}
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return handle(params.resource, context.clientIp, 120, async (name, format) => {
    if (name === "discovery") return respond(format, discovery(appOrigin(request)), { root: "discovery" });
    if (name === "services") return respond(format, await services(), { root: "services", item: "service" });
    if (name === "requests") return respond(format, await listRequests(new URL(request.url).searchParams), { root: "service_requests", item: "request" });
    throw new Open311Error(404, "Unknown resource");
  });
}

// POST requests.{json,xml}: form-encoded, api_key required.
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handle(params.resource, context.clientIp, 30, async (name, format) => {
    if (name !== "requests" || request.method !== "POST") throw new Open311Error(404, "Unknown resource");
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new Open311Error(400, "The body must be form-encoded (application/x-www-form-urlencoded)");
    }
    return respond(format, await createRequest(form, context.clientIp), { root: "service_requests", item: "request" }, 201);
  });
}
