import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms.tsx";
import { Button } from "~/components/ui/button.tsx";
import { personStatusTone, StatusPill } from "~/components/ui/status-pill.tsx";
import { getAcademySettings } from "~/modules/academy/academy.server.ts";
import { can, canInCohorts, requirePersonPermission, requireStaffPermission } from "~/modules/accounts/authorization.server.ts";
import { InvitationPanel } from "~/modules/people/invitation-panel.tsx";
import { invitationView } from "~/modules/people/invitation-view.server.ts";
import { PersonActionSchema } from "~/modules/people/person-actions.ts";
import { AdminControls } from "~/modules/people/admin-controls.tsx";
import {
  assignToCohort,
  deactivatePerson,
  getPersonDetail,
  managementReach,
  reactivatePerson,
  reinvitePerson,
  setRoles,
  unassignFromCohort,
  updateTraineeDetails,
} from "~/modules/people/people.server.ts";
import { TraineeDetailsForm } from "~/modules/people/trainee-details-form.tsx";
import { db } from "~/utils/db.server.ts";
import { replyWithDomainError } from "~/utils/form-errors.server.ts";
import { getLanguage } from "~/utils/i18n.server.ts";
import { formatDateTime } from "~/utils/time.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.person.name ?? "" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const personId = params.personId ?? "";
  await requireStaffPermission(request, "read:person");
  const user = await requirePersonPermission(request, personId, "read:person");
  const [academy, language] = await Promise.all([getAcademySettings(), getLanguage(request)]);
  const now = new Date();
  const [person, reach] = await Promise.all([getPersonDetail(personId, now), managementReach(user, personId)]);
  const isAdmin = can(user, "update:person", "any");
  const when = (at: Date | null) => (at ? formatDateTime(at, academy.timeZone, language) : null);
  return {
    person: {
      ...person,
      createdAt: when(person.createdAt),
      lastSignInAt: when(person.lastSignInAt),
      pendingInvitationExpires: when(person.pendingInvitation?.expiresAt ?? null),
    },
    // Staff manage trainees wholly within their cohorts, and re-invite only those never activated (see reach.server.ts).
    canUpdate: canInCohorts(user, "update:person") && reach.manage,
    canReinvite: canInCohorts(user, "update:person") && reach.reinvite,
    isSelf: user.id === personId,
    cohorts: isAdmin ? await db.cohort.findMany({ where: { status: { not: "archived" } }, orderBy: { startDate: "desc" }, select: { id: true, title: true } }) : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const personId = params.personId ?? "";
  // Staff-side only: the person's own "update:person:own" is for their account page, not this one.
  await requireStaffPermission(request, "update:person");
  const user = await requirePersonPermission(request, personId, "update:person");
  const submission = parseWithZod(await request.formData(), { schema: PersonActionSchema });
  if (submission.status !== "success") return { result: submission.reply(), invitation: null };
  const context = { actor: user, request, now: new Date() };
  const command = submission.value;
  try {
    switch (command.intent) {
      case "reinvite": {
        const invitation = await reinvitePerson(personId, context);
        const [academy, language, person] = await Promise.all([
          getAcademySettings(),
          getLanguage(request),
          db.person.findUniqueOrThrow({ where: { id: personId }, select: { name: true } }),
        ]);
        return { result: submission.reply(), invitation: invitationView(request, person.name, invitation, academy.timeZone, language) };
      }
      case "deactivate":
        await deactivatePerson(personId, context);
        break;
      case "reactivate":
        await reactivatePerson(personId, context);
        break;
      case "roles":
        await setRoles(personId, command.roles, context);
        break;
      case "assign":
        await assignToCohort({ personId, cohortId: command.cohortId, role: command.role }, context);
        break;
      case "details": {
        const { intent: _intent, ...details } = command;
        await updateTraineeDetails(personId, details, context);
        break;
      }
      case "unassign":
        await unassignFromCohort({ personId, cohortId: command.cohortId, role: command.role }, context);
        break;
    }
    return { result: submission.reply({ resetForm: true }), invitation: null };
  } catch (error) {
    return { result: replyWithDomainError(submission, error), invitation: null };
  }
}

export default function PersonPage() {
  const { t } = useTranslation();
  const { person, canUpdate, canReinvite, isSelf, cohorts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const formErrors = actionData?.result.error?.[""] ?? null;
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-5">
      <div>
        <Link to="/admin/people" className="text-sm text-muted hover:underline">
          ← {t("people.title")}
        </Link>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-bold">{person.name}</h1>
          <StatusPill tone={personStatusTone[person.status] ?? "neutral"}>{t(`personStatus.${person.status}`)}</StatusPill>
          {person.roles.map((role) => (
            <StatusPill key={role} tone="info">
              {t(`roles.${role}`)}
            </StatusPill>
          ))}
        </div>
      </div>
      {actionData?.invitation ? <InvitationPanel invitation={actionData.invitation} /> : null}
      <ErrorList errors={formErrors} />

      <section className="rounded-xl border border-line bg-surface p-5">
        <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[10rem_1fr]">
          <dt className="text-muted">{t("people.fields.mobile")}</dt>
          <dd className="tabular-nums">{person.mobile ?? "—"}</dd>
          <dt className="text-muted">{t("people.fields.email")}</dt>
          <dd>{person.email ?? "—"}</dd>
          {person.trainee ? (
            <>
              <dt className="text-muted">{t("people.fields.company")}</dt>
              <dd>{person.trainee.company || "—"}</dd>
              <dt className="text-muted">{t("people.fields.position")}</dt>
              <dd>{person.trainee.position ?? "—"}</dd>
            </>
          ) : null}
          <dt className="text-muted">{t("people.createdAt")}</dt>
          <dd>{person.createdAt}</dd>
          <dt className="text-muted">{t("people.lastSignIn")}</dt>
          <dd>{person.lastSignInAt ?? t("people.never")}</dd>
          <dt className="text-muted">{t("people.activeSessions")}</dt>
          <dd>{person.activeSessions}</dd>
          {person.pendingInvitationExpires ? (
            <>
              <dt className="text-muted">{t("people.pendingInvitation")}</dt>
              <dd>{t("people.invitationValidUntil", { at: person.pendingInvitationExpires })}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section className="flex flex-col gap-2 rounded-xl border border-line bg-surface p-5">
        <h2 className="font-semibold">{t("people.cohorts")}</h2>
        <ul className="flex flex-col gap-1">
          {person.enrollments.map((e) => (
            <li key={e.cohort.id}>
              {e.cohort.title} · {t(`enrollmentStatus.${e.status}`)}
            </li>
          ))}
          {person.cohortAssignments.map((a) => (
            <li key={`${a.cohort.id}-${a.role}`}>
              {a.cohort.title} · {t(`assignmentRoles.${a.role}`)}
            </li>
          ))}
          {person.enrollments.length + person.cohortAssignments.length === 0 ? <li className="text-muted">{t("people.noCohorts")}</li> : null}
        </ul>
      </section>

      {canUpdate && !isSelf ? (
        <section className="flex flex-wrap gap-2 rounded-xl border border-line bg-surface p-5">
          <h2 className="w-full font-semibold">{t("people.account")}</h2>
          {person.status !== "deactivated" && canReinvite ? (
            <Form method="post">
              <input type="hidden" name="intent" value="reinvite" />
              <Button type="submit" variant="secondary" disabled={busy}>
                {person.status === "invited" ? t("people.inviteAgain") : t("people.resetAndInvite")}
              </Button>
            </Form>
          ) : null}
          {person.status === "deactivated" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="reactivate" />
              <Button type="submit" variant="secondary" disabled={busy}>
                {t("people.reactivate")}
              </Button>
            </Form>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="deactivate" />
              <Button type="submit" variant="secondary" disabled={busy} className="text-brand-700">
                {t("people.deactivate")}
              </Button>
            </Form>
          )}
          <p className="w-full text-sm text-muted">{t("people.accountHelp")}</p>
        </section>
      ) : null}

      {canUpdate && person.trainee ? (
        <TraineeDetailsForm
          defaultValue={{ name: person.name, mobile: person.mobile ?? "", email: person.email ?? "", ...person.trainee }}
          lastResult={actionData?.result}
          busy={busy}
        />
      ) : null}

      {cohorts ? <AdminControls roles={person.roles} assignments={person.cohortAssignments} cohorts={cohorts} isSelf={isSelf} busy={busy} /> : null}
    </div>
  );
}
