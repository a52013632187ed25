import { PlaceholderPage } from "~/components/placeholder";

export default function Page() {
  return <PlaceholderPage title="nav.briefs" text="placeholder.briefs" />;
}
