import { json } from "@remix-run/node";
import { appUrl } from "~/utils/env.server";

export async function loader() {
  const base = appUrl();
  return json({ measures: `${base}/api/v1/measures`, openapi: `${base}/api/v1/openapi.json`, documentation: `${base}/data/api` });
}
