import type { LoaderFunctionArgs } from "@remix-run/node";
import { drugFunnel, drugFunnelCsv, funnelYearOf } from "~/modules/metrics/index.server";

/** The same published (suppressed) tables as /dashboard/drug-policy, as CSV. */
export async function loader({ request }: LoaderFunctionArgs) {
  const funnel = await drugFunnel(funnelYearOf(new URL(request.url).searchParams));
  return new Response(drugFunnelCsv(funnel), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="drug-policy-funnel-${funnel.year ?? "all"}.csv"`,
    },
  });
}
