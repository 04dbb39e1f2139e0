/** The Concord mark: a globe in a rounded square (inline SVG, no network request). */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="6" fill="#1c3d6e" />
      <circle cx="16" cy="16" r="8.5" fill="none" stroke="#fff" strokeWidth="2.5" />
      <path
        d="M7.5 16h17M16 7.5c3 3 3 14 0 17M16 7.5c-3 3-3 14 0 17"
        fill="none"
        stroke="#fff"
        strokeWidth="1.6"
      />
    </svg>
  );
}
