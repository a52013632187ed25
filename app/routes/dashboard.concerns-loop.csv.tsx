import type { LoaderFunctionArgs } from "@remix-run/node";
import { concernLoop, concernLoopCsv, parseStatsYear } from "~/modules/metrics/index.server";

/** The same published (suppressed) tables as /dashboard/concerns-loop, as CSV. */
export async function loader({ request }: LoaderFunctionArgs) {
  const loop = await concernLoop(parseStatsYear(new URL(request.url).searchParams));
  return new Response(concernLoopCsv(loop), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="concerns-in-the-loop-${loop.year ?? "none"}.csv"`,
    },
  });
}
