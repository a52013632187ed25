import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadStrings } from "~/i18n/instance";

// The page's strings are a cached static file (named by the root loader, preloaded in <head>):
// hydrate once they are here, so the browser renders the same text the server did. If they
// cannot be had, the page stays as the server rendered it (every form works without JavaScript).
const root = (window as unknown as { __remixContext?: { state?: { loaderData?: { root?: { strings?: string } } } } }).__remixContext?.state?.loaderData?.root;

loadStrings(root?.strings).then(
  () =>
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <RemixBrowser />
        </StrictMode>,
      );
    }),
  (error: unknown) => console.error("strings could not be loaded; the page stays server-rendered", error),
);
