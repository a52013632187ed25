import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { apiMeasure } from "~/modules/metrics/index.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const measure = await apiMeasure(params.key ?? "");
  if (!measure) return json({ error: "unknown_measure", message: "No public measure has this key: see /api/v1/measures." }, { status: 404 });
  const cellsOf = (c: { grain: string; by: string | null }) => `/api/v1/measures/${measure.key}/cells?grain=${c.grain}${c.by ? `&by=${c.by}` : ""}`;
  return json({ ...measure, combinations: measure.combinations.map((c) => ({ ...c, cells: cellsOf(c) })) });
}
