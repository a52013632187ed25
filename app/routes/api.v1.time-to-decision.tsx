import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { apiDayStats } from "~/modules/metrics/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const answer = await apiDayStats({ year: new URL(request.url).searchParams.get("year") });
  if (!answer) return json({ error: "not_offered", message: "year must be four digits." }, { status: 404 });
  return json(answer);
}
