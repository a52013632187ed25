import { PlaceholderPage } from "~/components/placeholder";

export default function Page() {
  return <PlaceholderPage title="nav.meetings" text="placeholder.meetings" />;
}
