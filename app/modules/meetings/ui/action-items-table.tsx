import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { TableWrap } from "~/components/table-wrap";
import { StatusBadge } from "./meetings";

export type ActionItemRow = {
  id: string;
  what: string;
  ownerName: string | null;
  /** Already formatted for the reader, or null for none. */
  due: string | null;
  status: string;
  /** From minutes not yet approved (shown as such). */
  draft?: boolean;
  meeting?: { id: string; title: string; date: string };
};

/**
 * The one table of action items: a meeting's minutes (public and staff pages) and the board-wide
 * list (with the meeting column). `status` replaces the status badge (staff change it in place).
 */
export function ActionItemsTable({
  items,
  withMeeting = false,
  hiddenCaption = false,
  status,
}: {
  items: ActionItemRow[];
  withMeeting?: boolean;
  hiddenCaption?: boolean;
  status?: (item: ActionItemRow) => ReactNode;
}) {
  const { t } = useTranslation("meetings");
  return (
    <TableWrap>
      <table>
        <caption className={hiddenCaption ? "visually-hidden" : undefined}>{t("actions.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("actions.what")}</th>
            <th scope="col">{t("actions.owner")}</th>
            <th scope="col">{t("actions.due")}</th>
            <th scope="col">{t("actions.status")}</th>
            {withMeeting ? <th scope="col">{t("actions.meeting")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id}>
              <td>
                <span data-user-content="">{i.what}</span>
                {i.draft ? <span className="muted"> ({t("actions.fromDraft")})</span> : null}
              </td>
              <td data-user-content="">{i.ownerName}</td>
              <td>{i.due ?? "—"}</td>
              <td>{status ? status(i) : <StatusBadge kind="actionStatus" value={i.status} />}</td>
              {withMeeting ? (
                <td>
                  {i.meeting ? (
                    <>
                      <Link to={`/meetings/${i.meeting.id}`} data-user-content="">
                        {i.meeting.title}
                      </Link>{" "}
                      <span className="muted">{i.meeting.date}</span>
                    </>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
