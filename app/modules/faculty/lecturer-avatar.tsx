/** A lecturer's photo, or the first character of the name when there is none. */
export function LecturerAvatar({ name, photoUrl, size = "small" }: { name: string; photoUrl: string | null; size?: "small" | "large" }) {
  const box = size === "large" ? "size-24 text-3xl" : "size-11 text-lg";
  if (photoUrl) return <img src={photoUrl} alt="" className={`${box} shrink-0 rounded-full object-cover ring-1 ring-line`} />;
  return (
    <span aria-hidden className={`${box} flex shrink-0 items-center justify-center rounded-full bg-brand-50 font-semibold text-brand-700`}>
      {name.slice(0, 1)}
    </span>
  );
}
