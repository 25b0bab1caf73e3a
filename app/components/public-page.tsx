import type { ReactNode } from "react";
import { PreferenceControls } from "./preference-controls.tsx";

/** The frame of pages for people who are not signed in: sign-in, activation. Phone first. */
export function PublicPage({ eyebrow, title, children }: { eyebrow: string; title: string; children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center justify-end px-3 py-2">
        <PreferenceControls />
      </header>
      <main className="mx-auto flex w-full max-w-sm flex-1 flex-col justify-center gap-6 px-5 pb-16">
        <div className="flex flex-col gap-1 text-center">
          <p className="text-sm font-medium tracking-wide text-brand-700">{eyebrow}</p>
          <h1 className="text-2xl font-bold">{title}</h1>
        </div>
        {children}
      </main>
    </div>
  );
}
