/** The mark that stands for user content inside a translated sentence (see UserContentIn). */
export const USER_CONTENT_MARK = "\u0001";

/**
 * A translated sentence with a user's words in it ("Con: {{list}}", "La fiscalía publicó una
 * respuesta: {{title}}"): translate with the value replaced by USER_CONTENT_MARK, and the value is
 * put back marked as user content (`data-user-content`), so language checks and readers' tools can
 * tell the portal's words from what people wrote.
 */
export function UserContentIn({ template, value }: { template: string; value: string }) {
  const i = template.indexOf(USER_CONTENT_MARK);
  if (i < 0) return <>{template}</>;
  return (
    <>
      {template.slice(0, i)}
      <span data-user-content="">{value}</span>
      {template.slice(i + USER_CONTENT_MARK.length)}
    </>
  );
}
