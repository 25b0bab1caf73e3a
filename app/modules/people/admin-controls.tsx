import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button.tsx";
import { roleKeys, type RoleKey } from "~/modules/accounts/roles.ts";
import { assignmentRoles } from "./people.ts";

/** Roles and cohort assignments: admins only. */
export function AdminControls({
  roles,
  assignments,
  cohorts,
  isSelf,
  busy,
}: {
  roles: RoleKey[];
  assignments: { role: string; cohort: { id: string; title: string } }[];
  cohorts: { id: string; title: string }[];
  isSelf: boolean;
  busy: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <section className="rounded-xl border border-line bg-surface p-5">
        <Form method="post" className="flex flex-col gap-3">
          <input type="hidden" name="intent" value="roles" />
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 font-semibold">{t("people.roles")}</legend>
            {roleKeys.map((role) => (
              <label key={role} className="flex min-h-11 items-center gap-2">
                <input
                  type="checkbox"
                  name="roles"
                  value={role}
                  defaultChecked={roles.includes(role)}
                  className="size-5"
                  disabled={isSelf && role === "admin"}
                />
                {t(`roles.${role}`)}
              </label>
            ))}
            {isSelf && roles.includes("admin") ? <input type="hidden" name="roles" value="admin" /> : null}
          </fieldset>
          <p className="text-sm text-muted">{t("people.rolesHelp")}</p>
          <Button type="submit" variant="secondary" disabled={busy} className="self-start">
            {t("people.saveRoles")}
          </Button>
        </Form>
      </section>
      <section className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5">
        <h2 className="font-semibold">{t("people.assignments")}</h2>
        <ul className="flex flex-col gap-2">
          {assignments.map((a) => (
            <li key={`${a.cohort.id}-${a.role}`} className="flex flex-wrap items-center gap-2">
              <span className="mr-auto">
                {a.cohort.title} · {t(`assignmentRoles.${a.role}`)}
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value="unassign" />
                <input type="hidden" name="cohortId" value={a.cohort.id} />
                <input type="hidden" name="role" value={a.role} />
                <Button type="submit" variant="ghost" disabled={busy}>
                  {t("people.unassign")}
                </Button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="assign" />
          <label className="flex flex-1 flex-col gap-1 text-sm">
            <span className="font-medium">{t("people.fields.cohort")}</span>
            <select name="cohortId" required className="min-h-11 rounded-lg border border-line bg-surface px-2">
              {cohorts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">{t("people.assignAs")}</span>
            <select name="role" className="min-h-11 rounded-lg border border-line bg-surface px-2">
              {assignmentRoles.map((role) => (
                <option key={role} value={role}>
                  {t(`assignmentRoles.${role}`)}
                </option>
              ))}
            </select>
          </label>
          <Button type="submit" variant="secondary" disabled={busy}>
            {t("people.assign")}
          </Button>
        </Form>
      </section>
    </>
  );
}
