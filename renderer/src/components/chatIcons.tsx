import { Icon } from './icons';

/** Icons of the chat pane, on the shared stroke-icon wrapper of ./icons.tsx. */
export const ArrowDownIcon = () => (
  <Icon>
    <path d="M12 5v14M6 13l6 6 6-6" />
  </Icon>
);

export const ToolIcon = () => (
  <Icon>
    <path d="M14.7 6.3a4 4 0 0 0-5.4 5.1L4 16.7V20h3.3l5.3-5.3a4 4 0 0 0 5.1-5.4l-2.5 2.5-2.4-.6-.6-2.4z" />
  </Icon>
);

export const SparkIcon = () => (
  <Icon>
    <path d="M12 4v4M12 16v4M4 12h4M16 12h4M7 7l2 2M15 15l2 2M17 7l-2 2M9 15l-2 2" />
  </Icon>
);

export const ChevronLeftIcon = () => (
  <Icon width="14" height="14">
    <path d="M15 5l-7 7 7 7" />
  </Icon>
);

export const ChevronRightIcon = () => (
  <Icon width="14" height="14">
    <path d="M9 5l7 7-7 7" />
  </Icon>
);

export const MoreIcon = () => (
  <Icon>
    <path d="M5.5 12h.01M12 12h.01M18.5 12h.01" strokeWidth="2.6" />
  </Icon>
);
