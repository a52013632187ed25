import { PlaceholderPage } from "~/components/placeholder";

export default function Page() {
  return <PlaceholderPage title="nav.reportConcern" text="placeholder.reportConcern" />;
}
