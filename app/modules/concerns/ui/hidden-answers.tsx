/** The answers carried from one step of the report to the next, without JavaScript: hidden inputs. */
export function HiddenAnswers({ values }: { values: Record<string, string> }) {
  return (
    <>
      {Object.entries(values).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
    </>
  );
}
