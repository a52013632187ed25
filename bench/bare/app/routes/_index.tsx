import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

export const loader = () => json({ message: "Hello" });

export default function Index() {
  const { message } = useLoaderData<typeof loader>();
  return <h1>{message}</h1>;
}
