import { json } from "@remix-run/node";
import { apiMeasures } from "~/modules/metrics/index.server";

export async function loader() {
  return json({ measures: await apiMeasures() });
}
