import { json } from "@remix-run/node";
import { openApiDocument } from "~/modules/metrics";
import { appUrl } from "~/utils/env.server";

export async function loader() {
  return json(openApiDocument(appUrl()));
}
