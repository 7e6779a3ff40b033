// The print map is never rotated (bearing 0), so north is straight up.
export function NorthArrow() {
  return (
    <div className="print-north" aria-label="North arrow">
      <svg width="30" height="44" viewBox="0 0 30 44" aria-hidden="true">
        <text x="15" y="11" textAnchor="middle" fontSize="12" fontWeight="700" fill="#1f2933">N</text>
        <path d="M15 14 L24 42 L15 36 Z" fill="#1f2933" />
        <path d="M15 14 L6 42 L15 36 Z" fill="#ffffff" stroke="#1f2933" strokeWidth="1.2" strokeLinejoin="round" />
      </svg>
    </div>
  );
}
