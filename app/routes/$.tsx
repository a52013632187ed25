// Any unknown address: a real 404, rendered by the root error boundary.
export async function loader() {
  throw new Response(null, { status: 404 });
}

export async function action() {
  throw new Response(null, { status: 404 });
}

export default function NotFound() {
  return null;
}
