import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { apiCells } from "~/modules/metrics/index.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const q = new URL(request.url).searchParams;
  const answer = await apiCells(params.key ?? "", { grain: q.get("grain"), by: q.get("by"), year: q.get("year") });
  if (!answer.ok) {
    const message =
      answer.reason === "unknown_measure"
        ? "No public measure has this key: see /api/v1/measures."
        : "This combination is not offered: see the measure's combinations at /api/v1/measures/{key}.";
    return json({ error: answer.reason, message }, { status: 404 });
  }
  const { ok: _ok, ...body } = answer;
  return json(body);
}
