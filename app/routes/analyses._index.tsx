import { PlaceholderPage } from "~/components/placeholder";

export default function Page() {
  return <PlaceholderPage title="nav.analyses" text="placeholder.analyses" />;
}
