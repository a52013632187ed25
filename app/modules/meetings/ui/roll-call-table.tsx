import type { ReactNode } from "react";
import { TableWrap } from "~/components/table-wrap";
import { useTranslation } from "react-i18next";
import type { RollCallView } from "~/modules/meetings";

/** A roll call as a table: each member by name and how they answered. */
export function RollCallTable({ rollCall, caption }: { rollCall: RollCallView; caption: ReactNode }) {
  const { t } = useTranslation("meetings");
  if (!rollCall.length) return <p className="muted">{t("proceedings.noRollCall")}</p>;
  return (
    <TableWrap>
      <table className="roll-call-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("proceedings.member")}</th>
            <th scope="col">{t("proceedings.vote")}</th>
          </tr>
        </thead>
        <tbody>
          {rollCall.map((v, i) => (
            <tr key={`${v.name}-${i}`}>
              <th scope="row" data-user-content="">
                {v.name}
              </th>
              <td>{t(`proceedings.answer_${v.answer}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
