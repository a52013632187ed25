import { TableWrap } from "~/components/table-wrap";
import { useTranslation } from "react-i18next";

const ANSWERS = ["support", "oppose", "abstain", "recused", ""] as const;

/**
 * A roll call to fill in: one row per present member, their answer as radio buttons in columns
 * (a table, so twelve members fit on one screen). Inputs are named `<name>.<member id>`.
 */
export function RollCallFieldset({
  name,
  legend,
  members,
  preset,
  idPrefix,
}: {
  name: string;
  legend: string;
  members: { id: string; name: string }[];
  /** Every member's starting answer (e.g. "support" after "All yes"); blank means not voting. */
  preset?: Record<string, string>;
  idPrefix: string;
}) {
  const { t } = useTranslation("meetings");
  if (!members.length) return <p role="status">{t("votes.nobodyPresent")}</p>;
  return (
    <fieldset className="roll-call-fieldset">
      <legend>{legend}</legend>
      <TableWrap>
        <table className="roll-call-table input-table">
          <thead>
            <tr>
              <th scope="col">{t("proceedings.member")}</th>
              {ANSWERS.map((a) => (
                <th scope="col" key={a || "none"}>
                  {t(`proceedings.answer_${a || "notVoting"}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <th scope="row" id={`${idPrefix}-${m.id}`}>
                  {m.name}
                </th>
                {ANSWERS.map((a) => (
                  <td key={a || "none"}>
                    <input
                      type="radio"
                      name={`${name}.${m.id}`}
                      value={a}
                      defaultChecked={(preset?.[m.id] ?? "") === a}
                      aria-labelledby={`${idPrefix}-${m.id} ${idPrefix}-${m.id}-${a || "none"}`}
                    />
                    <span id={`${idPrefix}-${m.id}-${a || "none"}`} className="visually-hidden">
                      {t(`proceedings.answer_${a || "notVoting"}`)}
                    </span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </fieldset>
  );
}
