import type { ReactNode } from "react";

/**
 * A horizontally scrollable table that keyboard users can reach and scroll (WCAG 2.1.1).
 * With a label it is a named region; every wide table in the app goes through this.
 */
export function TableWrap({ label, children }: { label?: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role={label ? "region" : undefined} aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
