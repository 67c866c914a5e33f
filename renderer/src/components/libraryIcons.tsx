import type { ReactNode } from 'react';

/** Icons of the library features, drawn like ./icons.tsx (24px grid, stroke, hidden from assistive tech). */
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const SearchIcon = () => (
  <Icon>
    <circle cx="11" cy="11" r="6.5" />
    <path d="M16 16l4.5 4.5" />
  </Icon>
);

export const PinIcon = ({ filled = false }: { filled?: boolean }) => (
  <Icon>
    <path d="M9 4h6l-1 6 3 3v2H7v-2l3-3-1-6z" fill={filled ? 'currentColor' : 'none'} />
    <path d="M12 15v5" />
  </Icon>
);

export const InspectIcon = () => (
  <Icon>
    <path d="M4 20V4M4 20h16" />
    <path d="M7 16l4-5 3 3 5-7" />
  </Icon>
);
