import { json } from "@remix-run/node";

/** Anything else under /api/v1: a 404 in JSON, not the portal's page. */
export async function loader() {
  return json({ error: "not_found", message: "No such resource: see /api/v1/openapi.json." }, { status: 404 });
}
