import type { ReactNode } from 'react';
import { useMenuButton } from './useMenuButton';

export interface MenuItem {
  label: string;
  onSelect(): void;
  danger?: boolean;
}

interface Props {
  /** The button's accessible name (and the menu's). */
  label: string;
  icon: ReactNode;
  items: readonly MenuItem[];
}

/** An icon button opening a menu of actions (keyboard and focus: useMenuButton). */
export function MenuButton({ label, icon, items }: Props) {
  const { open, close, wrapperRef, buttonProps, menuProps } = useMenuButton();

  return (
    <div className="menu-button" ref={wrapperRef}>
      <button {...buttonProps} type="button" className="button button-small button-quiet" aria-label={label}>
        {icon}
      </button>
      {open && (
        <div {...menuProps} aria-label={label} className="menu-list">
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={`menu-item${item.danger ? ' is-danger' : ''}`}
              onClick={() => {
                close(true);
                item.onSelect();
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
