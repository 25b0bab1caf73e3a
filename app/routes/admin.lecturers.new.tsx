import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaffPermission } from "~/modules/accounts/authorization.server.ts";
import { LecturerForm } from "~/modules/faculty/lecturer-form.tsx";
import { createLecturer } from "~/modules/faculty/lecturers.server.ts";
import { LecturerFormSchema } from "~/modules/faculty/lecturers.ts";
import { getFixedT, getLanguage } from "~/utils/i18n.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaffPermission(request, "update:curriculum");
  return { title: getFixedT(await getLanguage(request))("faculty.lecturers.addTitle") };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireStaffPermission(request, "update:curriculum");
  const submission = parseWithZod(await request.formData(), { schema: LecturerFormSchema });
  if (submission.status !== "success") return submission.reply();
  const lecturer = await createLecturer(submission.value);
  return redirect(`/admin/lecturers/${lecturer.id}`);
}

export default function NewLecturer() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-5">
      <div>
        <Link to="/admin/lecturers" className="text-sm text-muted hover:underline">
          ← {t("faculty.lecturers.title")}
        </Link>
        <h1 className="text-2xl font-bold">{t("faculty.lecturers.addTitle")}</h1>
        <p className="text-muted">{t("faculty.lecturers.addIntro")}</p>
      </div>
      <LecturerForm lastResult={lastResult} submitLabel={t("faculty.lecturers.addSubmit")} />
    </div>
  );
}
