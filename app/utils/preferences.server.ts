import { createCookie } from "@remix-run/node";

// Elder mode (长者模式): larger type and touch targets, higher contrast.
export const elderModeCookie = createCookie("elder", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export async function getElderMode(request: Request): Promise<boolean> {
  return (await elderModeCookie.parse(request.headers.get("Cookie"))) === "1";
}
