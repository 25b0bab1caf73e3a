import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { AccountPage } from "~/modules/accounts/account-page.tsx";
import { accountAction, accountLoader } from "~/modules/accounts/account-route.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];
export const loader = (args: LoaderFunctionArgs) => accountLoader(args);
export const action = (args: ActionFunctionArgs) => accountAction(args);
export default AccountPage;
