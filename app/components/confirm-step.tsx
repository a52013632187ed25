import { Form, Link } from "@remix-run/react";

/**
 * The second step of a destructive action, without JavaScript: the first post came back with this
 * panel; confirming posts the same fields again with `confirm=yes`. Cancel is a plain link.
 */
export function ConfirmStep({
  message,
  fields,
  confirmLabel,
  cancelLabel,
  cancelTo,
}: {
  message: string;
  fields: Record<string, string>;
  confirmLabel: string;
  cancelLabel: string;
  cancelTo: string;
}) {
  return (
    <div className="alert alert-info" role="alertdialog" aria-labelledby="confirm-step-message">
      <p id="confirm-step-message">
        <strong>{message}</strong>
      </p>
      <Form method="post" className="inline-form">
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" className="danger">
          {confirmLabel}
        </button>{" "}
        <Link to={cancelTo}>{cancelLabel}</Link>
      </Form>
    </div>
  );
}
