// A print button that appears once JavaScript runs (before that, the hint beside it says Ctrl+P).
import { useEffect, useState } from "react";

export function PrintButton({ label }: { label: string }) {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button type="button" onClick={() => window.print()} className="min-h-11 rounded-lg bg-brand-700 px-4 font-medium text-white">
      {label}
    </button>
  );
}
