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

export const FolderIcon = () => (
  <Icon>
    <path d="M3.5 7.5V18a1.5 1.5 0 0 0 1.5 1.5h14a1.5 1.5 0 0 0 1.5-1.5V9.5A1.5 1.5 0 0 0 19 8h-7l-2-2.5H5A1.5 1.5 0 0 0 3.5 7z" />
  </Icon>
);

export const MoreIcon = () => (
  <Icon>
    <circle cx="6" cy="12" r="1" />
    <circle cx="12" cy="12" r="1" />
    <circle cx="18" cy="12" r="1" />
  </Icon>
);
