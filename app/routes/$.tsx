import { notFound } from "~/utils/errors";

// Any unknown address: a real 404, rendered by the root error boundary.
export async function loader() {
  notFound();
}

export async function action() {
  notFound();
}

export default function NotFound() {
  return null;
}
