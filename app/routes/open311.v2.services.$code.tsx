import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handle, Open311Error, respond, serviceDefinition } from "~/modules/concerns/index.server";

// GET services/{service_code}.{json,xml}: the service's attribute definitions.
export async function loader({ params, context }: LoaderFunctionArgs) {
  return handle(params.code, context.clientIp, 120, async (code, format) => respond(format, await serviceDefinition(code), { root: "service_definition" }));
}

export async function action({ params, context }: ActionFunctionArgs) {
  return handle(params.code, context.clientIp, 120, async () => {
    throw new Open311Error(404, "Unknown resource");
  });
}
