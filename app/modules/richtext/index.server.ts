// The richtext module's public surface on the server: other code imports from here, never deeper.
export { parseRichText, readRichTextField, richTextErrorKey, richTextFromPlainText } from "./richtext.server";
export type { RichText } from "./richtext.server";
