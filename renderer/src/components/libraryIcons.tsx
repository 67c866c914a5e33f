import { Icon } from './icons';

/** Icons of the library features, on the shared stroke-icon wrapper of ./icons.tsx. */
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
