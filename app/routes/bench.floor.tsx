import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

/**
 * The benchmark floor (bench/run.ts): a page with a trivial loader and no database work of its
 * own, rendered in the normal layout. What the framework alone does on this machine.
 */
export async function loader() {
  return json({ ok: true });
}

export default function BenchFloor() {
  const data = useLoaderData<typeof loader>();
  return <p>{data.ok ? "ok" : ""}</p>;
}
